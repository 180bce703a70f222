using Microsoft.Net.Http.Headers;
using Ticketing.Api.Identity;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal;

/// <summary>
/// The signed-in contact as the portal needs it: company, primary flag, language and time zone, and whether the
/// company has the knowledge base (the customer's switch, read with the contact).
/// </summary>
public sealed record PortalCaller(
    Guid ContactId, Guid CustomerId, bool IsPrimary, string Language, TimeZoneInfo TimeZone, bool KnowledgeBaseEnabled = false);

/// <summary>
/// Everything one portal request decides with, read once per request: the caller, the portal settings and the
/// ticket policies in force now, and the clock. Settings are never cached across requests (P3: a change of
/// visible statuses applies at once).
/// </summary>
public sealed record PortalContext(PortalCaller Caller, PortalSettings Settings, TicketPolicies Policies, DateTimeOffset Now)
{
    /// <summary>A primary contact sees the company unless they ask for their own tickets only.</summary>
    public PortalScope Scope(bool mineOnly = false) =>
        new(Caller.CustomerId, Caller.ContactId, Caller.IsPrimary && !mineOnly);

    public PortalVisibility Visibility =>
        new(Settings.VisibleStatusIds, Settings.HideCreatedBefore, Now + SeriesPortalVisibility.Window);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Caller.TimeZone);

    public string StatusName(string statusId) =>
        PortalTexts.StatusName(statusId, Policies.Statuses.TryFind(statusId, out var status) ? status.Name : statusId, Caller.Language);
}

/// <summary>Resolves the <see cref="PortalContext"/> of a request and refuses contacts whose ticketing section is off (P11).</summary>
public sealed class PortalContexts(ICustomerDirectory directory, IPortalSettings portalSettings, ITicketSettings ticketSettings, TimeProvider clock)
{
    /// <summary>The key under which the chosen language is left for the problem-details localisation.</summary>
    public const string LanguageItem = "portal.language";

    public const string TicketingDisabled = "portal.ticketing_disabled";

    /// <summary>The language a portal page is shown in; the API texts on that page (status names) follow it.</summary>
    public const string PageLanguageItem = "portal.page-language";

    /// <summary>The resolved context, kept for the rest of the request (a page resolves it once for itself and its layout).</summary>
    private const string ContextItem = "portal.context";

    /// <summary>The context <see cref="ResolveAsync"/> has resolved for this request already, or null.</summary>
    public static PortalContext? Resolved(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ContextItem] as PortalContext;
    }

    /// <summary>
    /// The signed-in contact's time zone, for the pages outside the ticketing section (devices, assistant) that cannot
    /// resolve a whole context (it requires ticketing): this request's context's if resolved, else the contact's own.
    /// </summary>
    public async Task<TimeZoneInfo> TimeZoneAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[ContextItem] is PortalContext resolved)
        {
            return resolved.Caller.TimeZone;
        }

        var contact = await directory.GetContactAsync(http.User.GetCurrentUser().UserId, ct);
        return contact is null ? TimeZoneInfo.Utc : FindZone(contact.TimeZone);
    }

    public async Task<PortalContext> ResolveAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[ContextItem] is PortalContext resolved)
        {
            return resolved;
        }

        var user = http.User.GetCurrentUser();
        var contact = await directory.GetContactAsync(user.UserId, ct)
            ?? throw new ForbiddenException("portal.contact_unknown", "The signed-in user is not a portal contact.");
        var language = PortalTexts.Choose(http.Items[PageLanguageItem] as string ?? contact.Language, AcceptLanguages(http.Request));
        http.Items[LanguageItem] = language;

        var (settings, policies) = await portalSettings.CurrentWithPoliciesAsync(ticketSettings, ct);
        if (!settings.TicketingEnabled || !contact.TicketingPortalEnabled)
        {
            throw new ForbiddenException(TicketingDisabled, "The ticketing section of the portal is turned off for this customer.");
        }

        var caller = new PortalCaller(
            contact.Id, contact.CustomerId, contact.IsPrimary, language, FindZone(contact.TimeZone), contact.KnowledgeBaseEnabled);
        var context = new PortalContext(caller, settings, policies, clock.GetUtcNow());
        http.Items[ContextItem] = context;
        return context;
    }

    /// <summary>The client's languages, best first (q-values honoured, <c>*</c> skipped).</summary>
    public static IEnumerable<string> AcceptLanguages(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values)
            ? values.Where(v => v.Value.HasValue && v.Value.Value != "*")
                .OrderByDescending(v => v.Quality ?? 1)
                .Select(v => v.Value.Value!)
            : [];
    }

    // An unknown zone id (stored before a tzdata change) shows UTC rather than failing the request.
    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
