using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>A ticket as lists show it. <see cref="Version"/> is the stream version (the ETag).</summary>
public sealed record TicketListItem(
    Guid Id,
    string Number,
    TicketSide Side,
    Guid? LinkedTicketId,
    string Title,
    string StatusId,
    StatusCategory StatusCategory,
    string? Priority,
    string? Impact,
    string? Type,
    string? ProductFamily,
    string? Queue,
    string? IssueType,
    string? WorkType,
    TicketSource Source,
    Guid CustomerId,
    Guid? ContactId,
    Guid? AssigneeId,
    Guid? TaskfireResourceId,
    Guid? SeriesId,
    DateTimeOffset? DueDate,
    bool Billed,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    long Version)
{
    /// <summary>
    /// For a ticket of a Taskfire pair, the pair's completion date (seed 004, ADR 0023), read with the page; null for
    /// any other ticket and where a query does not read it.
    /// </summary>
    public TaskfireCompletion? TaskfireCompletion { get; init; }

    /// <summary>A Taskfire user's own help-desk ticket not submitted to the MSP: only the customer's Taskfire users see it (T10).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsUnsubmittedTaskfireTicket => Side == TicketSide.TaskfireCopy && LinkedTicketId is null;
}

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page, <see cref="Total"/> unless asked for.</summary>
public sealed record TicketListPage(IReadOnlyList<TicketListItem> Items, string? NextCursor, long? Total);

/// <summary>
/// The technician list's filters (all optional, combined with AND) and paging. <see cref="TitleContains"/> is a
/// case-insensitive substring of the title.
/// </summary>
public sealed record TicketListFilter
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string? StatusId { get; init; }
    public StatusCategory? StatusCategory { get; init; }
    public string? Queue { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? ContactId { get; init; }
    public TicketSource? Source { get; init; }
    public Guid? AssigneeId { get; init; }
    public string? Priority { get; init; }
    public string? TitleContains { get; init; }

    /// <summary>Which side of a Taskfire pair; null lists both.</summary>
    public TicketSide? Side { get; init; }

    /// <summary>
    /// Lists the Taskfire users' own help-desk tickets not submitted to the MSP too; only the Taskfire user's list does,
    /// the MSP's never (T10).
    /// </summary>
    public bool IncludeUnsubmittedTaskfire { get; init; }

    /// <summary>The Taskfire resource a copy is handed to (T10).</summary>
    public Guid? TaskfireResourceId { get; init; }

    /// <summary>Created at or after (inclusive).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before (exclusive).</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>The <see cref="TicketListPage.NextCursor"/> of the previous page; null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>1..<see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Counts all matching tickets too: costs a scan of the matches, so only on request.</summary>
    public bool IncludeTotal { get; init; }
}
