namespace Ticketing.Application.Tickets;

/// <summary>
/// The admin's settings applied to a staff member's ticket write (A2, A3): custom field values by type (keys without a
/// definition refused once the fields section is saved) and queue, issue type and work type within their catalogues.
/// Throws one 400 naming every offending field, before anything is written. Implemented where the settings are stored.
/// </summary>
public interface ITicketFieldRules
{
    Task CheckAsync(string? queue, string? issueType, string? workType, IReadOnlyDictionary<string, string?> customFields, CancellationToken ct);
}
