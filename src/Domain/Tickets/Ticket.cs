namespace Ticketing.Domain.Tickets;

/// <summary>
/// A ticket's state folded from its stream. It holds what decisions need and what a point-in-time view shows
/// (T11); the reply timeline lives in read models, not here.
/// </summary>
public sealed record Ticket(
    Guid Id,
    bool Exists,
    string Number,
    TicketFields Fields,
    string StatusId,
    StatusCategory StatusCategory,
    TicketSource Source,
    Guid CustomerId,
    Guid? ContactId,
    Guid? AssignedTechnicianId,
    Guid? SeriesId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    bool IsBilled,
    bool IsDeleted,
    TaskfireLink? Taskfire)
{
    /// <summary>The state of a stream with no events yet.</summary>
    public static readonly Ticket Initial = new(
        Guid.Empty, false, "", TicketFields.Titled(""), "", StatusCategory.Open, TicketSource.Technician,
        Guid.Empty, null, null, null, default, default, null, false, false, null);

    public bool IsTaskfireCopy => Taskfire?.Side == TicketSide.TaskfireCopy;

    /// <summary>A ticket of the Taskfire user's own help desk not (yet) submitted to the MSP: the MSP does not see it.</summary>
    public bool IsUnsubmittedTaskfireTicket => Taskfire is { Side: TicketSide.TaskfireCopy, HasPartner: false };

    public bool IsResolvedOrClosed => StatusCategory.IsFinished();

    public static Ticket Fold(IEnumerable<TicketEvent> events) => events.Aggregate(Initial, Evolve);

    public static Ticket Evolve(Ticket state, TicketEvent e) => (e switch
    {
        TicketCreated c => state with
        {
            Id = c.TicketId, Exists = true, Number = c.Number, Fields = c.Fields, StatusId = c.StatusId,
            StatusCategory = c.StatusCategory, Source = c.Source, CustomerId = c.CustomerId, ContactId = c.ContactId,
            AssignedTechnicianId = c.AssignedTechnicianId, SeriesId = c.SeriesId, CreatedAt = c.At,
            ResolvedAt = c.StatusCategory.IsFinished() ? c.At : null,
        },
        TaskfireCopyCreated c => state with
        {
            Id = c.TicketId, Exists = true, Number = c.Number, Fields = c.Fields, StatusId = c.StatusId,
            StatusCategory = c.StatusCategory, Source = TicketSource.Taskfire, CustomerId = c.CustomerId,
            ContactId = c.ContactId, CreatedAt = c.At,
            Taskfire = new TaskfireLink(c.MspTicketId, TicketSide.TaskfireCopy, c.TaskfireQueue, c.TaskfireResourceId),
        },
        TaskfireTicketOpened o => state with
        {
            Id = o.TicketId, Exists = true, Number = o.Number, Fields = o.Fields, StatusId = o.StatusId,
            StatusCategory = o.StatusCategory, Source = TicketSource.Taskfire, CustomerId = o.CustomerId, CreatedAt = o.At,
            ResolvedAt = o.StatusCategory.IsFinished() ? o.At : null,
            Taskfire = new TaskfireLink(Guid.Empty, TicketSide.TaskfireCopy, o.Fields.Queue ?? "", o.ResourceId),
        },
        TaskfireTicketSubmitted t => state with
        {
            Taskfire = state.Taskfire is { } own
                ? own with { LinkedTicketId = t.LinkedTicketId }
                : new TaskfireLink(t.LinkedTicketId, TicketSide.Msp, state.Fields.Queue ?? "", t.TaskfireResourceId),
        },
        TicketStatusChanged s => WithStatus(state, s.ToStatusId, s.Category, s.At),
        TaskfireWorkCompleted w => WithStatus(state, w.StatusId, w.Category, w.At),
        TicketFieldsChanged f => state with { Fields = f.Changes.ApplyTo(state.Fields) },
        TechnicianAssigned a => state with { AssignedTechnicianId = a.TechnicianId },
        TicketBilled => state with { IsBilled = true },
        TicketAssignedToTaskfire t => state with
        {
            Taskfire = new TaskfireLink(t.CopyId, TicketSide.Msp, t.TaskfireQueue, t.TaskfireResourceId),
        },
        TaskfireResourceChanged r when state.Taskfire is { } link => state with { Taskfire = link with { ResourceId = r.ToResourceId } },
        TaskfireResourceChanged => state,
        TicketDeleted or SharedCopyDeleted => state with { IsDeleted = true },
        ReplyPosted or TaskfireQuestionAsked => state,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown ticket event."),
    }) with { UpdatedAt = e.At };

    private static Ticket WithStatus(Ticket state, string statusId, StatusCategory category, DateTimeOffset at) =>
        state with
        {
            StatusId = statusId,
            StatusCategory = category,
            ResolvedAt = category.IsFinished() ? state.ResolvedAt ?? at : null,
        };
}
