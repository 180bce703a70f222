namespace Ticketing.Api.Tests.Tickets;

// The technician API's JSON contract as the tests read it: their own records, not the server's types, so a change
// on the wire fails here. Enums travel as strings; fields the tests never read are left out.

/// <summary>201 of <c>POST /api/tickets</c>.</summary>
public sealed record CreatedTicket(Guid Id, string Number, long Version);

/// <summary>200 of a ticket command (<c>POST /api/tickets/{id}/{action}</c>, <c>PATCH /api/tickets/{id}</c>).</summary>
public sealed record CommandResult(Guid Id, long Version);

/// <summary><c>GET /api/tickets/{id}</c>: the list columns, the details and the staff timeline.</summary>
public sealed record TicketView(
    TicketRow Ticket,
    string? Description,
    IReadOnlyDictionary<string, string> CustomFields,
    IReadOnlyList<TimelineItem> Timeline,
    TaskfireCompletionView? TaskfireCompletion = null);

/// <summary>The completion date shown for a Taskfire pair and whose side it comes from (Msp or TaskfireCopy).</summary>
public sealed record TaskfireCompletionView(string AssignedTo, DateTimeOffset? CompletedAt);

/// <summary>A ticket as the list shows it; <see cref="Version"/> is the stream version behind the ETag.</summary>
public sealed record TicketRow(
    Guid Id,
    string Number,
    string Side,
    Guid? LinkedTicketId,
    string Title,
    string StatusId,
    string StatusCategory,
    string? Priority,
    string? Queue,
    string? IssueType,
    string? WorkType,
    string Source,
    Guid CustomerId,
    Guid? ContactId,
    Guid? AssigneeId,
    long Version,
    Guid? TaskfireResourceId = null,
    DateTimeOffset? ResolvedAt = null,
    TaskfireCompletionView? TaskfireCompletion = null);

/// <summary>One entry of a ticket's timeline.</summary>
public sealed record TimelineItem(Guid Id, string Kind, string? Body, string Visibility, IReadOnlyList<AttachmentInfo> Attachments);

public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Size);

/// <summary><c>GET /api/tickets</c>: a keyset page; <see cref="Total"/> only when asked for.</summary>
public sealed record TicketList(IReadOnlyList<TicketRow> Items, string? NextCursor, long? Total);

/// <summary>One event of <c>GET /api/audit/tickets/{id}/history</c>; <see cref="CausationId"/> is the event that caused it.</summary>
public sealed record AuditedEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    string Stream,
    long Version,
    string Type,
    Guid? ActorId,
    string? ActorRole,
    DateTimeOffset RecordedAt,
    Guid? CorrelationId,
    Guid? CausationId);

/// <summary><c>GET /api/audit/tickets/{id}/state</c>: the ticket folded up to a version or an instant.</summary>
public sealed record TicketStateAt(Guid Id, long Version, DateTimeOffset? AsOf, FoldedTicket State);

public sealed record FoldedTicket(Guid Id, string Number, FoldedFields Fields, string StatusId);

public sealed record FoldedFields(string Title, string? Description);
