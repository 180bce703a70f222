namespace Ticketing.Application.Tickets;

/// <summary>
/// The admin's settings applied to a ticket write (A2, A3), before anything is written. Implemented where the settings
/// are stored.
/// </summary>
public interface ITicketFieldRules
{
    /// <summary>
    /// A staff write: custom field values by type (keys without a definition refused once the fields section is saved) are
    /// malformed input, one 400 naming every offending field; then queue, issue type and work type must name entries of
    /// their catalogues, else a 422 (<see cref="CheckCataloguesAsync"/>).
    /// </summary>
    Task CheckAsync(string? queue, string? issueType, string? workType, IReadOnlyDictionary<string, string?> customFields, CancellationToken ct);

    /// <summary>
    /// Queue, issue type and work type (null: not named) within their catalogues; the first that names nothing is a 422
    /// <c>ticket.unknown_queue</c>, <c>ticket.unknown_issue_type</c> or <c>ticket.unknown_work_type</c>.
    /// </summary>
    Task CheckCataloguesAsync(string? queue, string? issueType, string? workType, CancellationToken ct);
}
