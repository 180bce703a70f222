using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Views;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>The filters and paging of one list request, as the API's query string or the list page's form carries them.</summary>
public sealed record PortalTicketListQuery(
    string[]? Status, string[]? Priority, string[]? Type, string[]? Impact, string? Text, DateTimeOffset? From, DateTimeOffset? To,
    string? Scope, string? Cursor, int? Limit);

/// <summary>
/// <c>GET /api/portal/tickets</c>: the contact's tickets, or the company's for a primary contact (narrowed with
/// <c>scope=mine</c>). Filters: <c>status</c>, <c>priority</c>, <c>type</c>, <c>impact</c> (each repeatable),
/// <c>text</c> (title contains), <c>from</c>/<c>to</c> (created range, UTC instants), keyset paging with
/// <c>cursor</c> and <c>limit</c> (1–100). Filtering on a hidden field is refused: it would reveal its values.
/// </summary>
public static class ListPortalTickets
{
    public static async Task<Ok<PortalTicketListPage>> HandleAsync(
        HttpContext http, PortalContexts contexts, PortalTicketQueries queries, ICustomerDirectory directory,
        // Query filters with defaults: ASP.NET Core's request delegate generator takes a nullable array without one for a
        // required JSON body (it reads the query on GET, but documents the filters as required).
        [FromQuery] string[]? status = null, [FromQuery] string[]? priority = null, [FromQuery] string[]? type = null,
        [FromQuery] string[]? impact = null, string? text = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? scope = null,
        string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        var context = await contexts.ResolveAsync(http, ct);
        return TypedResults.Ok(await ListAsync(
            context, new PortalTicketListQuery(status, priority, type, impact, text, from, to, scope, cursor, limit), queries, directory, ct));
    }

    /// <summary>
    /// The list of <paramref name="context"/>'s contact under <paramref name="query"/>: what the endpoint answers and
    /// what the portal's list page shows. A filter on a hidden field or a value out of range is a validation error.
    /// </summary>
    public static async Task<PortalTicketListPage> ListAsync(
        PortalContext context, PortalTicketListQuery query, PortalTicketQueries queries, ICustomerDirectory directory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(directory);
        var (status, priority, type, impact, text, from, to, scope, cursor, limit) = query;
        var failures = new List<ValidationFailure>();
        RefuseHidden(context, PortalFields.Status, status, failures);
        RefuseHidden(context, PortalFields.Priority, priority, failures);
        RefuseHidden(context, PortalFields.Type, type, failures);
        RefuseHidden(context, PortalFields.Impact, impact, failures);
        if (scope is not (null or "mine" or "company"))
        {
            failures.Add(new("scope", "scope is 'mine' or 'company'."));
        }

        if (limit is < 1 or > PortalTicketFilter.MaxLimit)
        {
            failures.Add(new("limit", $"limit is between 1 and {PortalTicketFilter.MaxLimit}."));
        }

        if (text?.Length > 200)
        {
            failures.Add(new("text", "text has at most 200 characters."));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        // Asking for statuses that are not visible narrows to nothing rather than failing: the answer is the same.
        string[]? statusIds = null;
        if (status is { Length: > 0 })
        {
            statusIds = [.. status.Select(s => context.Policies.Statuses.TryFind(s, out var found) ? found.Id : null)
                .OfType<string>().Where(context.Settings.VisibleStatusIds.Contains)];
            if (statusIds.Length == 0)
            {
                return new PortalTicketListPage([], null);
            }
        }

        var filter = new PortalTicketFilter
        {
            StatusIds = statusIds,
            Priorities = priority,
            Types = type,
            Impacts = impact,
            TitleContains = text,
            CreatedFrom = from,
            CreatedTo = to,
            Cursor = cursor,
            Limit = limit ?? PortalTicketFilter.DefaultLimit,
        };
        PortalTicketPage page;
        try
        {
            page = await queries.ListAsync(context.Scope(mineOnly: scope == "mine"), context.Visibility, filter, ct);
        }
        catch (InvalidPortalCursorException invalid)
        {
            throw new ValidationException([new ValidationFailure("cursor", invalid.Message)]);
        }

        var contacts = await directory.GetContactsAsync([.. page.Items.Select(i => i.ContactId).OfType<Guid>().Distinct()], ct);
        return new PortalTicketListPage([.. page.Items.Select(row => PortalTicketShaper.ListItem(context, row, contacts))], page.NextCursor);
    }

    private static void RefuseHidden(PortalContext context, string field, string[]? values, List<ValidationFailure> failures)
    {
        if (values is { Length: > 0 } && !context.Settings.Field(field).IsVisible)
        {
            failures.Add(new(field, $"Tickets cannot be filtered by '{field}'."));
        }
        else if (values?.Any(v => v.Length > 100) == true)
        {
            failures.Add(new(field, $"A '{field}' value has at most 100 characters."));
        }
    }
}
