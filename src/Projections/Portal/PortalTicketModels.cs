using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Portal;

/// <summary>
/// Whose tickets a portal query may return. A primary contact reads the whole company (<see cref="WholeCompany"/>),
/// any other contact only the tickets they are the contact of; both only within their own customer.
/// </summary>
public sealed record PortalScope(Guid CustomerId, Guid ContactId, bool WholeCompany);

/// <summary>
/// The settings-driven part of portal visibility, passed to every query as parameters so a settings change
/// applies to the next request: visible statuses (P3), the date filter (P3) and the series window (T9).
/// </summary>
/// <param name="SeriesDueBy">Tickets of a recurring series are visible only when due at or before this instant.</param>
public sealed record PortalVisibility(IReadOnlyCollection<string> VisibleStatusIds, DateTimeOffset? CreatedFrom, DateTimeOffset SeriesDueBy);

/// <summary>The portal list's optional filters (combined with AND) and keyset paging.</summary>
public sealed record PortalTicketFilter
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public IReadOnlyList<string>? StatusIds { get; init; }
    public IReadOnlyList<string>? Priorities { get; init; }
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? Impacts { get; init; }

    /// <summary>Case-insensitive substring of the title.</summary>
    public string? TitleContains { get; init; }

    /// <summary>Created at or after (inclusive).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before (exclusive).</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    public string? Cursor { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}

/// <summary>A portal row as stored, with the assigned technician's display name. Field rules apply later, in the API.</summary>
public sealed record PortalTicketRow(
    Guid Id,
    string Number,
    string Title,
    Guid CustomerId,
    Guid? ContactId,
    string StatusId,
    StatusCategory StatusCategory,
    string? Priority,
    string? Impact,
    string? Type,
    string? ProductFamily,
    string? Queue,
    string? IssueType,
    string? WorkType,
    Guid? AssigneeId,
    string? AssigneeName,
    Guid? SeriesId,
    DateTimeOffset? DueDate,
    bool Billed,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

public sealed record PortalTicketPage(IReadOnlyList<PortalTicketRow> Items, string? NextCursor);

/// <summary>A public timeline entry: a public reply or a status change. Internal notes are never read.</summary>
public sealed record PortalTimelineEntry(
    Guid Id,
    string Kind,
    string AuthorKind,
    string? AuthorName,
    string? Body,
    string? FromStatusId,
    string? ToStatusId,
    IReadOnlyList<AttachmentMetadata> Attachments,
    DateTimeOffset At);

/// <summary>The ticket page: the row, its description and custom values, and the public timeline.</summary>
public sealed record PortalTicketDetail(
    PortalTicketRow Ticket,
    string? Description,
    IReadOnlyDictionary<string, string> CustomFields,
    IReadOnlyList<PortalTimelineEntry> Timeline);
