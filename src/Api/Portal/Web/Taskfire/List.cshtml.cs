using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Taskfire;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Portal.Web.Taskfire;

/// <summary>
/// <c>/portal/taskfire/tickets</c> (T10): the Taskfire copies of the user's customer's tickets and their own help desk's,
/// through <see cref="TaskfireTicketReads.List"/>, the <c>GET /api/taskfire/tickets</c> endpoint itself (filters, keyset
/// paging, the user's time zone and language).
/// </summary>
public sealed class TaskfireListModel(PortalContexts contexts, TaskfireCallers callers, TicketListQuery query) : TaskfirePageModel(contexts, callers)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Priority { get; set; }

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

    /// <summary>Set after a ticket was deleted, for the page's notice.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Deleted { get; set; }

    public TaskfireTicketPage Tickets { get; private set; } = new([], null);

    /// <summary>The statuses to filter by, by id, named in the user's language.</summary>
    public IReadOnlyList<(string Id, string Name)> StatusChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await CallerAsync(ct);
        StatusChoices = [.. caller.Policies.Statuses.All.Select(s => (s.Id, caller.StatusName(s.Id)))];
        await TryAsync(async () => Tickets = (await TaskfireTicketReads.List(
            HttpContext, Callers, query, Blank(Status), Blank(Priority), Blank(Text), StartOf(From, caller.TimeZone),
            To is { } to ? StartOf(to.AddDays(1), caller.TimeZone) : null, Blank(Scope), Blank(Cursor), PageSize, ct)).Value!);
        return Page();
    }

    /// <summary>The query string of this list with another cursor, for the paging links.</summary>
    public string Link(string? cursor) => ListLink($"{PortalWebServices.TaskfirePath}/tickets",
    [
        new("status", Status), new("priority", Priority), new("text", Text), new("from", QueryDate(From)), new("to", QueryDate(To)),
        new("scope", Scope), new("cursor", cursor),
    ]);
}
