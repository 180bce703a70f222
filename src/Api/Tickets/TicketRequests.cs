using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>A technician opens a ticket for a customer (T1). Picklist values are the admin-defined keys.</summary>
public sealed record CreateTicketRequest(
    string? Title,
    string? Description,
    Guid CustomerId,
    Guid? ContactId,
    string? Status,
    string? Priority,
    string? Impact,
    string? Type,
    string? ProductFamily,
    string? Queue,
    string? IssueType,
    string? WorkType,
    TicketSource? Source,
    Guid? AssigneeId,
    DateTimeOffset? DueDate,
    Guid? SeriesId,
    Dictionary<string, string?>? CustomFields);

public sealed record ChangeStatusRequest(string? Status);

public sealed record AssignTechnicianRequest(Guid? TechnicianId);

public sealed record PostReplyRequest(string? Body, ReplyVisibility? Visibility, bool TaskfireRelated);

public sealed record AssignToTaskfireRequest(string? Queue, Guid ResourceId, string? Note);

/// <summary>Hands a Taskfire pair to another Taskfire user of the same customer (T10).</summary>
public sealed record ChangeTaskfireResourceRequest(Guid ResourceId);

public sealed record TaskfireWorkCompleteRequest(string? Note, string? Status);

public sealed record TaskfireQuestionRequest(string? Question);

/// <summary>The answer to a ticket command: the ticket's new version (also sent as the ETag).</summary>
public sealed record TicketCommandResponse(Guid Id, long Version);
