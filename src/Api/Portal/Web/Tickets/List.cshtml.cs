using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Api.Portal.Views;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal.Web.Tickets;

/// <summary>
/// <c>/portal/tickets</c> (P2): the contact's tickets, or the company's for a primary contact, with the API's filters
/// and keyset paging. The list is <see cref="ListPortalTickets.ListAsync"/>, the API's own; dates are whole days in
/// the contact's time zone.
/// </summary>
public sealed class ListModel(PortalContexts contexts, PortalTicketQueries queries, ICustomerDirectory directory) : PortalPageModel(contexts)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string[]? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Priority { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public PortalTicketListPage Tickets { get; private set; } = new([], null);

    /// <summary>The statuses a contact may filter by: the visible ones, in the contact's language.</summary>
    public IReadOnlyList<PortalStatus> StatusChoices { get; private set; } = [];

    public bool Shows(string field) => Portal.Settings.Field(field).IsVisible;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var context = await ResolveAsync(ct);
        StatusChoices = [.. context.Policies.Statuses.All.Where(s => context.Settings.VisibleStatusIds.Contains(s.Id))
            .Select(s => PortalTicketShaper.Status(context, s.Id))];
        var query = new PortalTicketListQuery(
            Status is { Length: > 0 } ? Status : null, Values(Priority), Values(Type), null, Blank(Text),
            StartOf(From, context.Caller.TimeZone), To is { } to ? StartOf(to.AddDays(1), context.Caller.TimeZone) : null, Blank(Scope), Blank(Cursor), PageSize);
        await TryAsync(async () => Tickets = await ListPortalTickets.ListAsync(context, query, queries, directory, ct));
        return Page();
    }

    /// <summary>The query string of this list with another cursor, for the paging links.</summary>
    public string Link(string? cursor) => ListLink($"{PortalWebServices.BasePath}/tickets",
    [
        .. (Status ?? []).Select(s => new KeyValuePair<string, string?>("status", s)),
        new("priority", Priority), new("type", Type), new("text", Text), new("from", QueryDate(From)), new("to", QueryDate(To)),
        new("scope", Scope), new("cursor", cursor),
    ]);

    private static string[]? Values(string? value) => Blank(value) is { } v ? [v] : null;
}
