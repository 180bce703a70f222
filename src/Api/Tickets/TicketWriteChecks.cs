using FluentValidation;
using FluentValidation.Results;
using Ticketing.Api.Admin.Settings;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>
/// The admin's settings applied to a technician's ticket write (A2, A3): custom field values by type (keys without a
/// definition refused once the fields section is saved) and queue, issue type and work type within their catalogues.
/// A 400 names every offending field and nothing is written.
/// </summary>
public sealed class TicketWriteChecks(CurrentSettings settings)
{
    public async Task CheckCreateAsync(CreateTicketRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ThrowIfAnyAsync(request.Queue, request.IssueType, request.WorkType, request.CustomFields ?? [], ct);
    }

    public Task CheckUpdateAsync(TicketFieldChanges changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return ThrowIfAnyAsync(changes.Queue?.Value, changes.IssueType?.Value, changes.WorkType?.Value, changes.CustomFields, ct);
    }

    private async Task ThrowIfAnyAsync(
        string? queue, string? issueType, string? workType, IReadOnlyDictionary<string, string?> customFields, CancellationToken ct)
    {
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
