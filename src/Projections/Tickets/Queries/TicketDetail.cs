using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Details;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>A ticket page: the list columns (with the version for the ETag), the details and the timeline.</summary>
public sealed record TicketDetail(
    TicketListItem Ticket,
    string? Description,
    IReadOnlyDictionary<string, string> CustomFields,
    Actor CreatedBy,
    string? TaskfireQueue,
    string? TaskfireNote,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>
/// One timeline entry. <see cref="Id"/> is the reply id for replies and notes, the event id otherwise.
/// <see cref="FromStatusId"/>/<see cref="ToStatusId"/> are set for status changes and Taskfire completion.
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
    DateTimeOffset At);

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
