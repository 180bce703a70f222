using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Portal;
using Ticketing.Projections.Portal;
using Wolverine;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>PATCH /api/portal/tickets/{id}</c> (P6): editable fields and the status, in one append (<see cref="EditPortalTicket"/>).
/// The body is read under the portal's field rules; a ticket outside the contact's view is a 404. If-Match honoured.
/// </summary>
public static class UpdatePortalTicket
{
    public static async Task<Ok<PortalCommandResponse>> HandleAsync(
        Guid id, [FromBody] JsonElement body, HttpContext http, PortalContexts contexts, PortalTicketQueries queries, ITicketFieldRules catalogues,
        IMessageBus bus, CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        await GetPortalTicket.EnsureVisibleAsync(id, context, queries, ct);
        var input = PortalTicketBody.Read(body, context.Settings, PortalWrite.Update);
        if (input.Changes.IsEmpty && input.Status is null)
        {
            throw PortalTicketBody.Invalid("request", "Name at least one field to change.");
        }

        await PortalTicketBody.EnsureCataloguedAsync(input.Changes, catalogues, ct);
        var result = await bus.InvokeAsync<TicketCommandResult>(new EditPortalTicket(
            id, input.Changes, input.Status, context.Settings, http.CommandContext(), ETags.IfMatch(http.Request)), ct);
        ETags.Set(http.Response, result.Version);
        return TypedResults.Ok(new PortalCommandResponse(id, null, result.Version));
    }
}
