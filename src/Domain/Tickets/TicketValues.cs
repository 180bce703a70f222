namespace Ticketing.Domain.Tickets;

/// <summary>Where a ticket came from (T7).</summary>
public enum TicketSource
{
    Portal,
    Email,
    Phone,
    Technician,
    Taskfire,
    Assistant,
}

/// <summary>The four built-in statuses double as the categories custom statuses map to (T3).</summary>
public enum StatusCategory
{
    Open,
    Pending,
    Resolved,
    Closed,
}

/// <summary>The rules every status category obeys, wherever a ticket's status is kept.</summary>
public static class StatusCategories
{
    /// <summary>
    /// Resolved and Closed are finished: a ticket's resolved time is its first move into a finished category (Resolved
    /// to Closed keeps it) and a move back to Open or Pending clears it.
    /// </summary>
    public static bool IsFinished(this StatusCategory category) =>
        category is StatusCategory.Resolved or StatusCategory.Closed;
}

public enum ReplyVisibility
{
    /// <summary>Seen in the portal.</summary>
    Public,

    /// <summary>Staff only (and, when Taskfire-related, the Taskfire user of the copy).</summary>
    Internal,
}

/// <summary>Which side of a Taskfire pair a stream is (T10).</summary>
public enum TicketSide
{
    Msp,
    TaskfireCopy,
}

/// <summary>
/// Attachment metadata as kept in the event log; the bytes live in content-addressed storage under
/// <see cref="Sha256"/>, so the hash doubles as the storage key.
/// </summary>
public sealed record AttachmentMetadata(Guid Id, string FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// The editable properties of a ticket (T1). Picklist values (priority, queue, ...) are the admin-defined
/// keys as strings: their catalogues live outside the domain, which only carries and compares them.
/// </summary>
public sealed record TicketFields(
    string Title,
    string? Description,
    string? Priority,
    string? Impact,
    string? Type,
    string? ProductFamily,
    string? Queue,
    string? IssueType,
    string? WorkType,
    DateTimeOffset? DueDate,
    IReadOnlyDictionary<string, string?> CustomFields)
{
    public static readonly IReadOnlyDictionary<string, string?> NoCustomFields =
        new Dictionary<string, string?>(StringComparer.Ordinal);

    public static TicketFields Titled(string title) =>
        new(title, null, null, null, null, null, null, null, null, null, NoCustomFields);
}

/// <summary>
/// The link between the MSP's ticket and its Taskfire copy, as seen from one side. A ticket of the Taskfire user's own
/// help desk is on the Taskfire side with no partner (<see cref="HasPartner"/> false) until it is submitted to the MSP.
/// </summary>
public sealed record TaskfireLink(Guid LinkedTicketId, TicketSide Side, string Queue, Guid ResourceId)
{
    public bool HasPartner => LinkedTicketId != Guid.Empty;
}
