namespace Ticketing.Api.Tests.Portal;

// The portal API's bodies as a contact's client sees them, written here rather than borrowed from the server so the
// tests prove the contract. PortalDriver reads them strictly: every member listed must be present and a member the
// record does not name fails the read, so a record names exactly what leaves the server. A field the admin may hide
// defaults to null here; that it is then ABSENT from the JSON (not null) is checked on the raw body (PortalDriver).

/// <summary>A shown field: <c>{"value": ..., "editable": ...}</c>.</summary>
public sealed record PortalField<T>(T Value, bool Editable);

public sealed record PortalStatus(string Id, string Name, string Category);

public sealed record PortalStatusField(PortalStatus Value, bool Editable);

/// <summary>An instant-valued field: UTC and the same instant in the contact's zone.</summary>
public sealed record PortalInstantField(DateTimeOffset? Value, DateTimeOffset? ValueLocal, bool Editable);

public sealed record PortalPerson(Guid Id, string? Name);

public sealed record PortalCustomField(string Label, string Type, string? Value, bool Editable, IReadOnlyList<string>? Options = null);

/// <summary>One row of <c>GET /api/portal/tickets</c>.</summary>
public sealed record PortalListItem(
    Guid Id,
    string Number,
    string Title,
    PortalPerson? Contact,
    DateTimeOffset CreatedAt,
    DateTimeOffset CreatedAtLocal,
    DateTimeOffset UpdatedAt,
    DateTimeOffset UpdatedAtLocal,
    PortalStatusField? Status = null,
    PortalField<string?>? Priority = null,
    PortalField<string?>? Impact = null,
    PortalField<string?>? Type = null,
    PortalField<PortalPerson?>? AssignedTechnician = null,
    PortalInstantField? DueDate = null);

/// <summary><c>GET /api/portal/tickets</c>: a keyset page, <see cref="NextCursor"/> null on the last one.</summary>
public sealed record PortalList(IReadOnlyList<PortalListItem> Items, string? NextCursor);

/// <summary><c>GET /api/portal/tickets/{id}</c>; <see cref="StatusOptions"/> is left out when the status is not editable.</summary>
public sealed record PortalPage(
    Guid Id,
    string Number,
    long Version,
    bool Locked,
    PortalField<string> Title,
    IReadOnlyDictionary<string, PortalCustomField> CustomFields,
    PortalPerson? Contact,
    DateTimeOffset CreatedAt,
    DateTimeOffset CreatedAtLocal,
    DateTimeOffset UpdatedAt,
    DateTimeOffset UpdatedAtLocal,
    string TimeZone,
    IReadOnlyList<PortalTimelineEntry> Timeline,
    PortalField<string?>? Description = null,
    PortalStatusField? Status = null,
    IReadOnlyList<PortalStatus>? StatusOptions = null,
    PortalField<string?>? Priority = null,
    PortalField<string?>? Impact = null,
    PortalField<string?>? Type = null,
    PortalField<string?>? ProductFamily = null,
    PortalField<string?>? Queue = null,
    PortalField<string?>? IssueType = null,
    PortalField<string?>? WorkType = null,
    PortalInstantField? DueDate = null,
    PortalField<PortalPerson?>? AssignedTechnician = null);

/// <summary>A public timeline entry: <c>reply</c> (with <see cref="Body"/>) or <c>statusChange</c> (with the statuses).</summary>
public sealed record PortalTimelineEntry(
    Guid Id,
    string Kind,
    PortalAuthor Author,
    IReadOnlyList<PortalAttachment> Attachments,
    DateTimeOffset At,
    DateTimeOffset AtLocal,
    string? Body = null,
    PortalStatus? FromStatus = null,
    PortalStatus? ToStatus = null);

public sealed record PortalAuthor(string Kind, string? Name);

public sealed record PortalAttachment(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>201 of <c>POST /api/portal/tickets</c> and 200 of <c>PATCH</c> (no number then).</summary>
public sealed record PortalCommandResult(Guid Id, string? Number, long Version);

/// <summary>201 of <c>POST /api/portal/tickets/{id}/replies</c>.</summary>
public sealed record PortalReplyResult(Guid TicketId, Guid ReplyId, long Version);
