using Ticketing.Api.Portal.Settings;
using Ticketing.Api.Tickets;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// <see cref="IPortalSettings"/> from the versioned settings store, checked per request (<see cref="CurrentSettings"/>:
/// one round trip, unchanged settings not read again), falling back to configuration for a section never saved.
/// Registered in place of <see cref="ConfiguredPortalSettings"/>.
/// </summary>
public sealed class StoredPortalSettings(CurrentSettings current) : IPortalSettings
{
    private readonly SnapshotDerived<PortalSettings> _settings = new(ToPortalSettings);

    private readonly SnapshotDerived<TicketPolicies> _policies = new(StoredTicketSettings.ToPolicies);

    public async ValueTask<PortalSettings> CurrentAsync(CancellationToken ct) => _settings.From(await current.LoadAsync(ct));

    /// <summary>Both from one read of the settings: the ticket policies are the settings' catalogues and reopen rule.</summary>
    public async ValueTask<(PortalSettings Settings, TicketPolicies Policies)> CurrentWithPoliciesAsync(ITicketSettings tickets, CancellationToken ct)
    {
        var snapshot = await current.LoadAsync(ct);
        return (_settings.From(snapshot), _policies.From(snapshot));
    }

    public static PortalSettings ToPortalSettings(SettingsSnapshot snapshot)
    {
        var catalogue = StoredTicketSettings.Statuses(snapshot.Catalogues);
        var visible = snapshot.Portal.VisibleStatuses
            .Select(s => catalogue.TryFind(s, out var status) ? status.Id : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var fields = new Dictionary<string, PortalFieldSetting>(StringComparer.Ordinal);
        foreach (var field in PortalFields.All)
        {
            fields[field] = snapshot.Fields.Fields.TryGetValue(field, out var setting) ? setting : PortalFields.Defaults[field];
        }

        var issueTypeQueues = snapshot.Catalogues.IssueTypes
            .Where(t => !string.IsNullOrWhiteSpace(t.Queue))
            .ToDictionary(t => t.Key, t => t.Queue!, StringComparer.Ordinal);
        var defaultQueue = string.IsNullOrWhiteSpace(snapshot.Catalogues.DefaultQueue) ? PortalSettings.ClientPortalQueue : snapshot.Catalogues.DefaultQueue;
        return new PortalSettings(
            visible, snapshot.Portal.HideCreatedBefore, snapshot.Portal.ManualCreationEnabled, issueTypeQueues, defaultQueue,
            fields, snapshot.Fields.CustomFields, snapshot.Portal.TicketingEnabled,
            new PortalBrand(snapshot.Portal.MspName, snapshot.Portal.LogoUrl, snapshot.Portal.AccentColour), snapshot.Portal.KnowledgeBaseEnabled,
            snapshot.Portal.SelfServiceEnabled, snapshot.Portal.SelfServiceCustomerIds, snapshot.Portal.AssistantEnabled,
            snapshot.Portal.AssistantCustomerIds);
    }
}
