using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>GET /api/portal/tickets/{id}</c>: the ticket page shaped by the field rules, with the public timeline.
/// A ticket outside the contact's view answers exactly like a missing one: 404 <c>ticket.not_found</c>.
/// </summary>
public static class GetPortalTicket
{
    public const string NotFoundCode = "ticket.not_found";

    public static async Task<Ok<PortalTicketDetails>> HandleAsync(
        Guid id, HttpContext http, PortalContexts contexts, PortalTicketQueries queries, ICustomerDirectory directory, CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        var details = await LoadAsync(id, context, queries, directory, ct);
        ETags.Set(http.Response, details.Version);
        return TypedResults.Ok(details);
    }

    /// <summary>The ticket as <paramref name="context"/>'s contact may see it: the endpoint's body and the ticket page's model.</summary>
    public static async Task<PortalTicketDetails> LoadAsync(
        Guid id, PortalContext context, PortalTicketQueries queries, ICustomerDirectory directory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(directory);
        var detail = await queries.GetAsync(id, context.Scope(), context.Visibility, ct) ?? throw NotFound(id);
        var contacts = detail.Ticket.ContactId is { } contactId
            ? await directory.GetContactsAsync([contactId], ct)
            : new Dictionary<Guid, ContactSummary>();
        return PortalTicketShaper.Details(context, detail, contacts);
    }

    public static NotFoundException NotFound(Guid id) => new(NotFoundCode, $"Ticket {id} was not found.");

    /// <summary>Commands run only on tickets the contact can see; anything else is the same 404 as a missing ticket.</summary>
    public static async Task EnsureVisibleAsync(Guid id, PortalContext context, PortalTicketQueries queries, CancellationToken ct)
    {
        if (await queries.VisibleVersionAsync(id, context.Scope(), context.Visibility, ct) is null)
        {
            throw NotFound(id);
        }
    }
}
