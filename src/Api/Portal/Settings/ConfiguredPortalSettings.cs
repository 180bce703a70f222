using Microsoft.Extensions.Options;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Portal.Settings;

/// <summary>
/// <see cref="IPortalSettings"/> read from configuration through <see cref="IOptionsMonitor{T}"/>, so a changed
/// setting applies to the next request. Status entries may be ids or names; they are resolved against the MSP's
/// status catalogue to canonical ids (unknown ones are ignored: they can match no ticket anyway).
/// </summary>
public sealed class ConfiguredPortalSettings(IOptionsMonitor<PortalOptions> options, ITicketSettings tickets) : IPortalSettings
{
    private static readonly string[] BuiltInStatuses =
        [StatusCatalogue.Open.Id, StatusCatalogue.Pending.Id, StatusCatalogue.Resolved.Id, StatusCatalogue.Closed.Id];

    public async ValueTask<PortalSettings> CurrentAsync(CancellationToken ct)
    {
        var current = options.CurrentValue;
        var catalogue = (await tickets.PoliciesAsync(ct)).Statuses;
        var visible = (current.VisibleStatuses ?? [.. BuiltInStatuses])
            .Select(s => catalogue.TryFind(s, out var status) ? status.Id : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var fields = new Dictionary<string, PortalFieldSetting>(StringComparer.Ordinal);
        foreach (var field in PortalFields.All)
        {
            var configured = current.Fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            fields[field] = configured is null
                ? PortalFields.Defaults[field]
                : new PortalFieldSetting(configured.Rule, configured.MandatoryOnCreate, configured.MandatoryOnUpdate);
        }

        var custom = current.CustomFields
            .Select(c => new CustomFieldDefinition(c.Key, c.Label, c.Type, c.Rule, c.MandatoryOnCreate, c.MandatoryOnUpdate, c.Options))
            .ToList();

        return new PortalSettings(
            visible, current.HideCreatedBefore, current.ManualCreationEnabled,
            new Dictionary<string, string>(current.IssueTypeQueues, StringComparer.Ordinal),
            string.IsNullOrWhiteSpace(current.DefaultQueue) ? PortalSettings.ClientPortalQueue : current.DefaultQueue,
            fields, custom, current.TicketingEnabled, new PortalBrand(current.MspName, current.LogoUrl, current.AccentColour),
            current.KnowledgeBaseEnabled);
    }
}
