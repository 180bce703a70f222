using System.Text.Json.Serialization;

namespace Ticketing.Api.Portal.Views;

// The portal's response shapes. A field the admin made Hidden is null here and, by the JsonIgnore on every such
// property, ABSENT from the JSON; a shown field always carries "editable" (true for Editable, false for
// Read-only or when the ticket is locked). Instants come twice: UTC and in the contact's time zone (with offset).

/// <summary>A shown field: <c>{"value": "high", "editable": true}</c>.</summary>
public sealed record PortalField<T>(T Value, bool Editable);

/// <summary>The status: its id, its name in the contact's language and its category.</summary>
public sealed record PortalStatus(string Id, string Name, string Category);

/// <summary>The status field: <c>{"value": {"id", "name", "category"}, "editable": true}</c>.</summary>
public sealed record PortalStatusField(PortalStatus Value, bool Editable);

/// <summary>An instant-valued field (the due date): UTC value and the same instant in the contact's zone.</summary>
public sealed record PortalInstantField(DateTimeOffset? Value, DateTimeOffset? ValueLocal, bool Editable);

public sealed record PortalPerson(Guid Id, string? Name);

/// <summary>A custom field as the portal shows it (only Editable ones are ever shown).</summary>
public sealed record PortalCustomField(
    string Label,
    string Type,
    string? Value,
    bool Editable,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Options);

/// <summary>One row of <c>GET /api/portal/tickets</c>.</summary>
public sealed record PortalTicketListItem(
    Guid Id,
    string Number,
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalStatusField? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Priority,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Impact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<PortalPerson?>? AssignedTechnician,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalInstantField? DueDate,
    PortalPerson? Contact,
    DateTimeOffset CreatedAt,
    DateTimeOffset CreatedAtLocal,
    DateTimeOffset UpdatedAt,
    DateTimeOffset UpdatedAtLocal);

/// <summary>A page of the list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record PortalTicketListPage(IReadOnlyList<PortalTicketListItem> Items, string? NextCursor);

/// <summary>
/// <c>GET /api/portal/tickets/{id}</c>. <see cref="Locked"/> is true for a billed ticket (T4): every field is then
/// read-only and replies are refused. <see cref="StatusOptions"/> lists the statuses the contact may move the
/// ticket to (visible ones, minus reopening ones when T5 forbids it); absent when the status is not editable.
/// </summary>
public sealed record PortalTicketDetails(
    Guid Id,
    string Number,
    long Version,
    bool Locked,
    PortalField<string> Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalStatusField? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PortalStatus>? StatusOptions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Priority,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Impact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? ProductFamily,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? Queue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? IssueType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<string?>? WorkType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalInstantField? DueDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalField<PortalPerson?>? AssignedTechnician,
    IReadOnlyDictionary<string, PortalCustomField> CustomFields,
    PortalPerson? Contact,
    DateTimeOffset CreatedAt,
    DateTimeOffset CreatedAtLocal,
    DateTimeOffset UpdatedAt,
    DateTimeOffset UpdatedAtLocal,
    string TimeZone,
    IReadOnlyList<PortalTimelineItem> Timeline);

/// <summary>A public timeline entry: <c>kind</c> is <c>reply</c> or <c>statusChange</c>; authors are <c>contact</c> or <c>staff</c>.</summary>
public sealed record PortalTimelineItem(
    Guid Id,
    string Kind,
    PortalAuthor Author,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Body,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalStatus? FromStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalStatus? ToStatus,
    IReadOnlyList<PortalAttachment> Attachments,
    DateTimeOffset At,
    DateTimeOffset AtLocal);

public sealed record PortalAuthor(string Kind, string? Name);

/// <summary>An attachment of a public reply, downloadable at <see cref="Url"/>.</summary>
public sealed record PortalAttachment(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>The answer to a portal command: the ticket's new version (also the ETag).</summary>
public sealed record PortalCommandResponse(Guid Id, string? Number, long Version);

public sealed record PortalReplyResponse(Guid TicketId, Guid ReplyId, long Version);
