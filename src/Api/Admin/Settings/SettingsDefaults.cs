using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Ticketing.Application.Email;
using Ticketing.Application.Email.Templates;
using Ticketing.Api.Portal.Settings;
using Ticketing.Api.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// The sections as configuration gives them: what is in force while a section has never been saved, and the
/// "before" of its first saved version.
/// </summary>
public sealed class SettingsDefaults(
    IOptionsMonitor<PortalOptions> portal, IOptionsMonitor<TicketOptions> tickets, IConfiguration configuration)
{
    private readonly ConfigurationGeneration _generation = new(configuration);

    /// <summary>
    /// Moves on whenever configuration is reloaded: a snapshot that took a section from configuration is only as current
    /// as the configuration it was built from (<see cref="CurrentSettings"/> keeps it only while this stays the same).
    /// </summary>
    public int Generation => _generation.Value;

    private static readonly string[] BuiltInStatuses =
        [StatusCatalogue.Open.Id, StatusCatalogue.Pending.Id, StatusCatalogue.Resolved.Id, StatusCatalogue.Closed.Id];

    public PortalSection Portal()
    {
        var p = portal.CurrentValue;
        var t = tickets.CurrentValue;
        return new PortalSection(
            configuration["Ticketing:Portal:Url"], t.MspTimeZone, p.VisibleStatuses ?? [.. BuiltInStatuses], t.PortalCanReopen,
            p.HideCreatedBefore, p.TicketingEnabled, p.ManualCreationEnabled,
            configuration.GetValue(WelcomeMail.Setting, true), p.KnowledgeBaseEnabled, p.MspName, p.LogoUrl, p.AccentColour);
    }

    public FieldsSection Fields()
    {
        var p = portal.CurrentValue;
        var fields = new Dictionary<string, PortalFieldSetting>(StringComparer.Ordinal);
        foreach (var field in PortalFields.All)
        {
            var configured = p.Fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            fields[field] = configured is null
                ? PortalFields.Defaults[field]
                : new PortalFieldSetting(configured.Rule, configured.MandatoryOnCreate, configured.MandatoryOnUpdate);
        }

        var custom = p.CustomFields
            .Select(c => new CustomFieldDefinition(c.Key, c.Label, c.Type, c.Rule, c.MandatoryOnCreate, c.MandatoryOnUpdate, c.Options))
            .ToList();
        return new FieldsSection(fields, custom);
    }

    public CataloguesSection Catalogues()
    {
        var p = portal.CurrentValue;
        var defaultQueue = string.IsNullOrWhiteSpace(p.DefaultQueue) ? PortalSettings.ClientPortalQueue : p.DefaultQueue;
        var queues = p.IssueTypeQueues.Values.Where(q => !string.IsNullOrWhiteSpace(q)).Prepend(defaultQueue).Distinct(StringComparer.Ordinal).ToList();
        return new CataloguesSection(
            queues, defaultQueue, [.. p.IssueTypeQueues.Select(i => new IssueTypeSetting(i.Key, i.Value))], [],
            [.. tickets.CurrentValue.CustomStatuses]);
    }

    public object For(string section) => section switch
    {
        SettingsSections.Portal => Portal(),
        SettingsSections.Fields => Fields(),
        SettingsSections.Catalogues => Catalogues(),
        _ when SettingsSections.TryParseEmailTemplate(section, out var kind, out var language) =>
            EmailTemplateVersion.Default(kind, language),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a settings section."),
    };
}

/// <summary>Counts the reloads of <paramref name="configuration"/>.</summary>
internal sealed class ConfigurationGeneration
{
    private int _value;

    public ConfigurationGeneration(IConfiguration configuration) =>
        ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref _value));

    public int Value => Volatile.Read(ref _value);
}
