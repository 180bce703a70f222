using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Taskfire;

/// <summary>
/// A Taskfire copy as its Taskfire user sees it: instants in the user's time zone, the status's name in their
/// language, <see cref="ResourceId"/> the Taskfire user it is handed to. <see cref="LinkedToMsp"/> is false for a ticket of
/// the user's own help desk not (yet) submitted to the MSP, the only kind that can be submitted. <see cref="Completion"/>
/// is the completion date shown (ADR 0023): the pair's rule, and an own ticket's own date until it is submitted.
/// </summary>
public sealed record TaskfireTicketItem(
    Guid Id,
    string Number,
    string Title,
    string StatusId,
    string StatusName,
    StatusCategory StatusCategory,
    string? Priority,
    string? Impact,
    string? Type,
    string? Queue,
    string? IssueType,
    Guid? ContactId,
    Guid? ResourceId,
    DateTimeOffset? DueDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    long Version,
    bool LinkedToMsp,
    TaskfireCompletion? Completion);

public sealed record TaskfireTicketPage(IReadOnlyList<TaskfireTicketItem> Items, string? NextCursor);

/// <summary>
/// One entry of the copy's timeline. <see cref="Side"/> says who wrote it: <c>TaskfireCopy</c> for the customer's IT,
/// <c>Msp</c> for the MSP's staff and the end user (ADR 0022). <see cref="AuthorName"/> is the author's display name.
/// </summary>
public sealed record TaskfireTimelineEntry(
    Guid Id,
    TimelineEntryKind Kind,
    TicketSide Side,
    Guid AuthorId,
    ActorKind AuthorKind,
    string? AuthorName,
    string? Body,
    string? FromStatusId,
    string? ToStatusId,
    IReadOnlyList<AttachmentMetadata> Attachments,
    DateTimeOffset At);

/// <summary>
/// The copy's page: its properties, the Taskfire queue and handover note, the timeline, and the pair's completion date
/// (the copy's while assigned to the customer, the MSP's while assigned to the MSP; ADR 0023).
/// </summary>
public sealed record TaskfireTicketDetails(
    TaskfireTicketItem Ticket,
    string? Description,
    IReadOnlyDictionary<string, string> CustomFields,
    string? TaskfireQueue,
    string? TaskfireNote,
    IReadOnlyList<TaskfireTimelineEntry> Timeline,
    TaskfireCompletion? Completion);

/// <summary>A note by the Taskfire user on their copy; it is always shared with the MSP's ticket (ADR 0022).</summary>
public sealed record TaskfireNoteRequest(string? Body);

internal static class TaskfireTicketShaper
{
    public static TaskfireTicketItem Item(TaskfireCaller caller, TicketListItem t) => Item(caller, t, t.TaskfireCompletion);

    public static TaskfireTicketDetails Details(TaskfireCaller caller, TicketDetail d) => new(
        Item(caller, d.Ticket, d.TaskfireCompletion), d.Description, d.CustomFields, d.TaskfireQueue, d.TaskfireNote,
        [.. d.Timeline.Select(e => Entry(caller, e))],
        d.TaskfireCompletion is { } c ? c with { CompletedAt = caller.Local(c.CompletedAt) } : null);

    private static TaskfireTicketItem Item(TaskfireCaller caller, TicketListItem t, TaskfireCompletion? pair)
    {
        // A pair's date follows the rule (ADR 0023); a ticket of the own help desk, alone, has its own.
        var completion = pair ?? (t.LinkedTicketId is null ? new TaskfireCompletion(TicketSide.TaskfireCopy, t.ResolvedAt) : null);
        return new(
            t.Id, t.Number, t.Title, t.StatusId, caller.StatusName(t.StatusId), t.StatusCategory, t.Priority, t.Impact, t.Type,
            t.Queue, t.IssueType, t.ContactId, t.TaskfireResourceId, caller.Local(t.DueDate), caller.Local(t.CreatedAt),
            caller.Local(t.UpdatedAt), caller.Local(t.ResolvedAt), t.Version, t.LinkedTicketId is not null,
            completion is { } c ? c with { CompletedAt = caller.Local(c.CompletedAt) } : null);
    }

    private static TaskfireTimelineEntry Entry(TaskfireCaller caller, TimelineEntry e) => new(
        e.Id, e.Kind, e.Author.Kind == ActorKind.Taskfire ? TicketSide.TaskfireCopy : TicketSide.Msp, e.Author.Id, e.Author.Kind,
        e.AuthorName, e.Body, e.FromStatusId, e.ToStatusId, e.Attachments, caller.Local(e.At));
}
