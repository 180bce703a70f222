using FluentValidation;
using FluentValidation.Results;
using Ticketing.Api.Admin.Settings;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>
/// The admin's settings applied to a staff member's ticket write (A2, A3), read from the settings in force: custom
/// field values by type (keys without a definition refused once the fields section is saved) and queue, issue type
/// and work type within their catalogues. A 400 names every offending field and nothing is written.
/// </summary>
public sealed class TicketWriteChecks(CurrentSettings settings) : ITicketFieldRules
{
    public async Task CheckAsync(
        string? queue, string? issueType, string? workType, IReadOnlyDictionary<string, string?> customFields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        var snapshot = await settings.LoadAsync(ct);
        var catalogues = TicketCatalogues.From(snapshot.Catalogues, snapshot.Version(SettingsSections.Catalogues) > 0);
        var failures = new List<ValidationFailure>();
        failures.AddRange(catalogues.Check(TicketCatalogues.Queue, queue));
        failures.AddRange(catalogues.Check(TicketCatalogues.IssueType, issueType));
        failures.AddRange(catalogues.Check(TicketCatalogues.WorkType, workType));
        failures.AddRange(CustomFieldValues.Check(
            snapshot.Fields.CustomFields, customFields, unknownKeysAllowed: snapshot.Version(SettingsSections.Fields) == 0));
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }
}
