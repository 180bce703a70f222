namespace Ticketing.Application.Portal;

/// <summary>The kinds of custom field values (A2); values travel as strings and are checked against the kind.</summary>
public enum CustomFieldType
{
    Text,
    Number,
    Date,
    Select,
    Checkbox,
}

/// <summary>
/// An admin-defined ticket field. Custom fields are Editable or Hidden in the portal (no read-only, P4); a
/// key stored on a ticket without a definition is treated as hidden.
/// </summary>
public sealed record CustomFieldDefinition(
    string Key,
    string Label,
    CustomFieldType Type,
    PortalFieldRule Rule,
    bool MandatoryOnCreate = false,
    bool MandatoryOnUpdate = false,
    IReadOnlyList<string>? Options = null)
{
    public bool IsEditable => Rule == PortalFieldRule.Editable;
}

/// <summary>
/// The portal's configuration as the portal endpoints use it. Visible statuses and the date filter are
/// applied at query time, so a change takes effect on the next request without rebuilding anything.
/// </summary>
/// <param name="VisibleStatusIds">Canonical status ids a contact may see (P3); tickets in other statuses are hidden.</param>
/// <param name="HideCreatedBefore">Tickets created before this instant are hidden; null shows all (P3).</param>
/// <param name="ManualCreationEnabled">False leaves ticket creation to the assistant only (P5).</param>
/// <param name="IssueTypeQueues">Issue type key → queue a portal ticket of that type lands in (T7).</param>
/// <param name="DefaultQueue">Where other portal tickets land (T7: "Client Portal").</param>
/// <param name="TicketingEnabled">The global switch of the ticketing section; each customer's flag applies on top (P11).</param>
public sealed record PortalSettings(
    IReadOnlySet<string> VisibleStatusIds,
    DateTimeOffset? HideCreatedBefore,
    bool ManualCreationEnabled,
    IReadOnlyDictionary<string, string> IssueTypeQueues,
    string DefaultQueue,
    IReadOnlyDictionary<string, PortalFieldSetting> Fields,
    IReadOnlyList<CustomFieldDefinition> CustomFields,
    bool TicketingEnabled = true,
    PortalBrand? Brand = null,
    bool KnowledgeBaseEnabled = true,
    bool SelfServiceEnabled = false,
    IReadOnlyList<Guid>? SelfServiceCustomerIds = null,
    bool AssistantEnabled = false,
    IReadOnlyList<Guid>? AssistantCustomerIds = null)
{
    /// <summary>P11 for the assistant (P12), the rule of <c>PortalSection.AssistantFor</c>: on for all, or for the chosen customers.</summary>
    public bool AssistantFor(Guid customerId) =>
        AssistantEnabled && (AssistantCustomerIds is not { Count: > 0 } chosen || chosen.Contains(customerId));

    /// <summary>P11 for self-service (P13), the rule of <c>PortalSection.SelfServiceFor</c>: on for all, or for the chosen customers.</summary>
    public bool SelfServiceFor(Guid customerId) =>
        SelfServiceEnabled && (SelfServiceCustomerIds is not { Count: > 0 } chosen || chosen.Contains(customerId));

    public const string ClientPortalQueue = "Client Portal";

    /// <summary>The rule of a default field; a field the admin never configured has its default rule.</summary>
    public PortalFieldSetting Field(string name) =>
        Fields.TryGetValue(name, out var setting) ? setting
        : PortalFields.Defaults.TryGetValue(name, out var fallback) ? fallback
        : throw new ArgumentOutOfRangeException(nameof(name), name, "Not a portal field.");

    public CustomFieldDefinition? CustomField(string key) => CustomFields.FirstOrDefault(c => c.Key == key);

    /// <summary>T7: the issue type's queue when it names one, else the Client Portal queue.</summary>
    public string QueueFor(string? issueType) =>
        issueType is not null && IssueTypeQueues.TryGetValue(issueType, out var queue) && !string.IsNullOrWhiteSpace(queue)
            ? queue
            : DefaultQueue;
}

/// <summary>
/// A1: the MSP's name, logo and accent colour as the portal section holds them (null: not set), read with the rest of
/// the section so a portal page needs no read of its own for them.
/// </summary>
public sealed record PortalBrand(string? MspName, string? LogoUrl, string? AccentColour);

/// <summary>Where the portal's settings come from: configuration today, the admin API later.</summary>
public interface IPortalSettings
{
    /// <summary>The settings in force now; callers read them per request so a change applies at once.</summary>
    ValueTask<PortalSettings> CurrentAsync(CancellationToken ct);

    /// <summary>
    /// The portal settings and the ticket policies in force now, as a portal request needs both; an implementation that
    /// derives both from one read of the settings answers with that one read (issue 20).
    /// </summary>
    async ValueTask<(PortalSettings Settings, Domain.Tickets.TicketPolicies Policies)> CurrentWithPoliciesAsync(Tickets.ITicketSettings tickets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return (await CurrentAsync(ct), await tickets.PoliciesAsync(ct));
    }
}
