using Microsoft.Extensions.Options;
using Ticketing.Application.Portal;

namespace Ticketing.Api.Portal.Settings;

/// <summary>
/// The portal settings as configuration (<c>Ticketing:Portal</c>) until the admin API makes them editable.
/// Lists default to null, not to a filled list: the configuration binder appends to an existing list, so a
/// default there could never be replaced.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Ticketing:Portal";

    /// <summary>Off hides the ticketing section for every customer; on leaves it to each customer's flag (P11).</summary>
    public bool TicketingEnabled { get; set; } = true;

    /// <summary>Off hides the knowledge base for every customer; on leaves it to each customer's flag (P11).</summary>
    public bool KnowledgeBaseEnabled { get; set; } = true;

    /// <summary>Status ids (or names) contacts may see; null means the four built-ins (P3).</summary>
    public List<string>? VisibleStatuses { get; set; }

    /// <summary>Tickets created before this instant are hidden from the portal (P3).</summary>
    public DateTimeOffset? HideCreatedBefore { get; set; }

    /// <summary>False leaves ticket creation to the assistant (P5).</summary>
    public bool ManualCreationEnabled { get; set; } = true;

    public string DefaultQueue { get; set; } = PortalSettings.ClientPortalQueue;

    /// <summary>Issue type → queue (T7).</summary>
    public Dictionary<string, string> IssueTypeQueues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per default field (<c>priority</c>, <c>dueDate</c>...); fields left out keep their default rule.</summary>
    public Dictionary<string, PortalFieldOptions> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<CustomFieldOptions> CustomFields { get; set; } = [];

    /// <summary>The MSP's name, logo and accent colour in the portal pages, until an admin saves them (A1).</summary>
    public string? MspName { get; set; }

    public string? LogoUrl { get; set; }

    public string? AccentColour { get; set; }
}

public sealed class PortalFieldOptions
{
    public PortalFieldRule Rule { get; set; } = PortalFieldRule.Editable;
    public bool MandatoryOnCreate { get; set; }
    public bool MandatoryOnUpdate { get; set; }
}

public sealed class CustomFieldOptions
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CustomFieldType Type { get; set; } = CustomFieldType.Text;
    public PortalFieldRule Rule { get; set; } = PortalFieldRule.Editable;
    public bool MandatoryOnCreate { get; set; }
    public bool MandatoryOnUpdate { get; set; }
    public List<string>? Options { get; set; }
}

/// <summary>Refuses rules a field does not admit (a read-only custom field, an editable assignee...) at start-up and on reload.</summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (field, setting) in options.Fields)
        {
            var known = PortalFields.All.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add($"{PortalOptions.Section}:Fields:{field} is not a portal field ({string.Join(", ", PortalFields.All)}).");
            }
            else if (!PortalFields.AllowedRules(known).Contains(setting.Rule))
            {
                errors.Add($"{PortalOptions.Section}:Fields:{field} cannot be {setting.Rule}; allowed: {string.Join(", ", PortalFields.AllowedRules(known))}.");
            }
        }

        foreach (var custom in options.CustomFields)
        {
            if (string.IsNullOrWhiteSpace(custom.Key) || string.IsNullOrWhiteSpace(custom.Label))
            {
                errors.Add($"{PortalOptions.Section}:CustomFields needs a Key and a Label for every field.");
            }

            if (custom.Rule == PortalFieldRule.ReadOnly)
            {
                errors.Add($"Custom field '{custom.Key}' is Editable or Hidden in the portal, never ReadOnly.");
            }

            if (custom.Type == CustomFieldType.Select && custom.Options is not { Count: > 0 })
            {
                errors.Add($"Select custom field '{custom.Key}' needs Options.");
            }
        }

        if (options.CustomFields.GroupBy(c => c.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            errors.Add($"{PortalOptions.Section}:CustomFields has a key twice.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
