using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Details;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>
/// A ticket page: the list columns (with the version for the ETag), the details and the timeline.
/// <see cref="TaskfireCompletion"/> is set on both tickets of a Taskfire pair.
/// </summary>
public sealed record TicketDetail(
    TicketListItem Ticket,
    string? Description,
    IReadOnlyDictionary<string, string> CustomFields,
    Actor CreatedBy,
    string? TaskfireQueue,
    string? TaskfireNote,
    IReadOnlyList<TimelineEntry> Timeline,
    TaskfireCompletion? TaskfireCompletion = null);

/// <summary>
/// The completion date shown for a Taskfire pair (T10, ADR 0023), the same on both sides: the Taskfire copy's while the
/// pair is assigned to the customer, the MSP ticket's while it is assigned to the MSP. <see cref="AssignedTo"/> is
/// <see cref="TicketSide.Msp"/> exactly when the MSP's ticket has an assigned technician; otherwise the only one the
/// pair is assigned to is the Taskfire resource, the customer's side (<see cref="TicketSide.TaskfireCopy"/>).
/// </summary>
public sealed record TaskfireCompletion(TicketSide AssignedTo, DateTimeOffset? CompletedAt)
{
    /// <summary>The one place the rule is decided, from the two tickets' list rows.</summary>
    public static TaskfireCompletion Of(Guid? mspAssigneeId, DateTimeOffset? mspResolvedAt, DateTimeOffset? copyResolvedAt) =>
        mspAssigneeId is null ? new(TicketSide.TaskfireCopy, copyResolvedAt) : new(TicketSide.Msp, mspResolvedAt);
}

/// <summary>
/// One timeline entry. <see cref="Id"/> is the reply id for replies and notes, the event id otherwise.
/// <see cref="FromStatusId"/>/<see cref="ToStatusId"/> are set for status changes and Taskfire completion.
/// <see cref="AuthorName"/> is the author's display name now (null for automation and removed users).
/// </summary>
public sealed record TimelineEntry(
    Guid Id,
    long Version,
    TimelineEntryKind Kind,
    Actor Author,
    string? Body,
    ReplyVisibility Visibility,
    bool TaskfireRelated,
    Guid? MirroredFrom,
    string? FromStatusId,
    string? ToStatusId,
    IReadOnlyList<AttachmentMetadata> Attachments,
    DateTimeOffset At,
    string? AuthorName = null);

/// <summary>Which timeline entries a reader may see.</summary>
public enum TimelineAudience
{
    /// <summary>Staff: every entry, internal notes included.</summary>
    Staff,

    /// <summary>Portal contacts: public entries only; internal notes never leave the database.</summary>
    Public,

    /// <summary>
    /// The Taskfire user of a copy: the copy's public entries and Taskfire-related notes, plus the public replies on
    /// its MSP ticket; the MSP's internal notes never.
    /// </summary>
    Taskfire,
}
