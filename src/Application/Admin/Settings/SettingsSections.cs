using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Admin.Settings;

/// <summary>The names of the versioned settings sections, as the admin API and <c>settings_versions.section</c> spell them.</summary>
public static class SettingsSections
{
    public const string Portal = "portal";
    public const string Fields = "fields";
    public const string Catalogues = "catalogues";

    public static IReadOnlyList<string> All { get; } = [Portal, Fields, Catalogues];

    private const string EmailTemplatePrefix = "email-template:";

    /// <summary>The section recording an email template's versions (ADR 0011): <c>email-template:{kind}:{language}</c>.</summary>
    public static string EmailTemplate(string kind, string language) => $"{EmailTemplatePrefix}{kind}:{language}";

    /// <summary>The kind and language of an email template section; false for any other name.</summary>
    public static bool TryParseEmailTemplate(string? section, out string kind, out string language)
    {
        var parts = section is not null && section.StartsWith(EmailTemplatePrefix, StringComparison.Ordinal)
            ? section[EmailTemplatePrefix.Length..].Split(':')
            : [];
        (kind, language) = parts.Length == 2 ? (parts[0], parts[1]) : ("", "");
        return parts.Length == 2;
    }

    public static bool IsKnown(string? section) =>
        (section is not null && All.Contains(section, StringComparer.Ordinal)) || TryParseEmailTemplate(section, out _, out _);
}

/// <summary>
/// A1: the portal and ticket switches an admin sets. A PUT replaces the whole section (read it, change it, send it
/// back with its ETag). Per-customer section flags stay on the customer; <paramref name="TicketingEnabled"/> and
/// <paramref name="KnowledgeBaseEnabled"/> are the switches for all customers on top of them (P11). A stored section
/// without the knowledge-base switch (saved before it existed) reads as on.
/// </summary>
/// <param name="PortalUrl">The portal's address or custom domain, used in mails; null when not set.</param>
/// <param name="MspTimeZone">IANA id; the date in ticket numbers is taken there (T2).</param>
/// <param name="VisibleStatuses">Status ids (or names) contacts may see (P3).</param>
/// <param name="PortalCanReopen">False: a portal user cannot bring a resolved or closed ticket back (T5).</param>
/// <param name="HideCreatedBefore">Tickets created before this instant are hidden from the portal (P3).</param>
/// <param name="MspName">The MSP's name in the portal pages' header; null shows "Customer portal".</param>
/// <param name="LogoUrl">The MSP's logo in the header: an https address or a path on the portal's host; null shows none.</param>
/// <param name="AccentColour">The pages' accent colour as <c>#rrggbb</c>; null keeps the default blue.</param>
/// <param name="SelfServiceEnabled">Self-service device actions (P13); off for everyone unless switched on (P11).</param>
/// <param name="SelfServiceCustomerIds">With self-service on: only these customers; null or empty means every customer.</param>
/// <param name="AssistantEnabled">The portal assistant (P12); off for everyone unless switched on (P11).</param>
/// <param name="AssistantCustomerIds">With the assistant on: only these customers; null or empty means every customer.</param>
/// <param name="AssistantTicketPerSession">Every chat session opens a ticket (source Assistant) holding the conversation.</param>
public sealed record PortalSection(
    string? PortalUrl,
    string MspTimeZone,
    IReadOnlyList<string> VisibleStatuses,
    bool PortalCanReopen,
    DateTimeOffset? HideCreatedBefore,
    bool TicketingEnabled,
    bool ManualCreationEnabled,
    bool WelcomeEmail,
    bool KnowledgeBaseEnabled = true,
    string? MspName = null,
    string? LogoUrl = null,
    string? AccentColour = null,
    bool SelfServiceEnabled = false,
    IReadOnlyList<Guid>? SelfServiceCustomerIds = null,
    bool AssistantEnabled = false,
    IReadOnlyList<Guid>? AssistantCustomerIds = null,
    bool AssistantTicketPerSession = false)
{
    /// <summary>P11 for the assistant: the switch for all, narrowed to the chosen customers when any are chosen.</summary>
    public bool AssistantFor(Guid customerId) =>
        AssistantEnabled && (AssistantCustomerIds is not { Count: > 0 } chosen || chosen.Contains(customerId));

    /// <summary>P11 for self-service: the switch for all, narrowed to the chosen customers when any are chosen.</summary>
    public bool SelfServiceFor(Guid customerId) =>
        SelfServiceEnabled && (SelfServiceCustomerIds is not { Count: > 0 } chosen || chosen.Contains(customerId));
}

/// <summary>A2: the rule of each default field (fields left out keep their default) and the custom field definitions.</summary>
public sealed record FieldsSection(
    IReadOnlyDictionary<string, PortalFieldSetting> Fields,
    IReadOnlyList<CustomFieldDefinition> CustomFields);

/// <summary>An issue type; a portal ticket of this type lands in <paramref name="Queue"/> when it names one (T7).</summary>
public sealed record IssueTypeSetting(string Key, string? Queue = null);

/// <summary>A3: the MSP's catalogues. <paramref name="DefaultQueue"/> null means the "Client Portal" queue.</summary>
public sealed record CataloguesSection(
    IReadOnlyList<string> Queues,
    string? DefaultQueue,
    IReadOnlyList<IssueTypeSetting> IssueTypes,
    IReadOnlyList<string> WorkTypes,
    IReadOnlyList<StatusDefinition> CustomStatuses);
