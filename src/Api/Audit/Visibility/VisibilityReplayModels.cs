using System.Text.Json.Serialization;
using Ticketing.Api.Portal.Views;

namespace Ticketing.Api.Audit.Visibility;

/// <summary>
/// What a contact could see in the portal at an instant (ADR 0026): the contact as it then stood, whether the portal's
/// ticketing section was open to them, the settings versions in force, and either the list they could page through
/// (<see cref="Tickets"/>) or one ticket's page (<see cref="Ticket"/>). The list and page are the portal's own
/// responses, shaped by the portal's own code.
/// </summary>
public sealed record VisibilityReplay(
    Guid ContactId,
    DateTimeOffset At,
    ContactAsOf Contact,
    bool PortalOpen,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClosedBecause,
    IReadOnlyDictionary<string, long> SettingsVersions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalTicketListPage? Tickets,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TicketAsSeen? Ticket);

/// <summary>The contact's company, role and preferences at the instant.</summary>
public sealed record ContactAsOf(Guid CustomerId, bool IsPrimary, string Language, string TimeZone, bool TicketingPortalEnabled);

/// <summary>
/// One ticket at the instant: its portal page when the contact could open it (null otherwise, exactly when the portal
/// answered 404), and every mail about it the contact had been sent by then, whether or not they could open it.
/// </summary>
public sealed record TicketAsSeen(
    Guid TicketId,
    bool Visible,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PortalTicketDetails? Page,
    IReadOnlyList<MailSentToContact> Mails);

/// <summary>A mail about the ticket that went out to the contact; <see cref="CausedBy"/> is the event it told of.</summary>
public sealed record MailSentToContact(Guid MailId, string Kind, string Language, Guid? CausedBy, DateTimeOffset QueuedAt, DateTimeOffset SentAt);
