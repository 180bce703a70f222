using FluentValidation;
using Ticketing.Api.Admin.Settings;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>
/// The admin's settings applied to a ticket write (A2, A3), read from the settings in force: custom field values by
/// type are a 400 naming every offending field; a queue, issue type or work type outside its catalogue is a 422 with
/// the catalogue's code. Nothing is written either way.
/// </summary>
public sealed class TicketWriteChecks(CurrentSettings settings) : ITicketFieldRules
{
    public async Task CheckAsync(
        string? queue, string? issueType, string? workType, IReadOnlyDictionary<string, string?> customFields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        var snapshot = await settings.LoadAsync(ct);
        var failures = CustomFieldValues.Check(
            snapshot.Fields.CustomFields, customFields, unknownKeysAllowed: snapshot.Version(SettingsSections.Fields) == 0);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        Catalogues(snapshot).EnsureKnown(
            (TicketCatalogues.Queue, queue), (TicketCatalogues.IssueType, issueType), (TicketCatalogues.WorkType, workType));
    }

    public async Task CheckCataloguesAsync(string? queue, string? issueType, string? workType, CancellationToken ct) =>
        Catalogues(await settings.LoadAsync(ct)).EnsureKnown(
            (TicketCatalogues.Queue, queue), (TicketCatalogues.IssueType, issueType), (TicketCatalogues.WorkType, workType));

    private static TicketCatalogues Catalogues(SettingsSnapshot snapshot) =>
        TicketCatalogues.From(snapshot.Catalogues, snapshot.Version(SettingsSections.Catalogues) > 0);
}
