using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tests;

/// <summary>Ticket events with sensible defaults, so a test names only what it is about.</summary>
public static class Facts
{
    public static readonly Actor Tech = Actor.Technician(Guid.Parse("0195c0de-0000-7000-8000-00000000000a"));
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static TicketCreated Created(
        Guid id, Guid? customer = null, DateTimeOffset? at = null, string title = "Printer on fire",
        string status = "open", StatusCategory category = StatusCategory.Open, TicketSource source = TicketSource.Technician,
        Guid? contact = null, Guid? assignee = null, string? queue = null, string? priority = null, string number = "T20260301.0001") =>
        new(id, number, TicketFields.Titled(title) with { Queue = queue, Priority = priority, Description = "It smokes." },
            status, category, source, customer ?? Guid.Empty, contact, assignee, null, Tech, at ?? T0);

    public static ReplyPosted Reply(Guid id, string body, ReplyVisibility visibility = ReplyVisibility.Public,
        DateTimeOffset? at = null, bool taskfireRelated = false, IReadOnlyList<AttachmentMetadata>? attachments = null) =>
        new(id, Guid.CreateVersion7(), Tech, body, visibility, taskfireRelated, attachments ?? [], null, at ?? T0.AddMinutes(5));

    public static AttachmentMetadata Attachment(string name = "log.txt") =>
        new(Guid.CreateVersion7(), name, "text/plain", 42, new string('a', 64));

    public static Actor ActorOf(TicketEvent e) => e switch
    {
        TicketCreated c => c.By,
        TicketStatusChanged s => s.By,
        ReplyPosted r => r.Author,
        TicketFieldsChanged f => f.By,
        TechnicianAssigned a => a.By,
        TicketBilled b => b.By,
        TicketDeleted d => d.By,
        TicketAssignedToTaskfire t => t.By,
        TaskfireCopyCreated c => c.By,
        TaskfireWorkCompleted w => w.By,
        TaskfireQuestionAsked q => q.By,
        SharedCopyDeleted d => d.By,
        TaskfireResourceChanged r => r.By,
        TaskfireTicketOpened o => o.By,
        TaskfireTicketSubmitted t => t.By,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, null),
    };
}
