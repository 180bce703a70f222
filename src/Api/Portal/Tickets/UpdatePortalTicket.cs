using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>PATCH /api/portal/tickets/{id}</c> (P6): editable fields and the status, in one append. The domain enforces
/// the billed lock (T4, 409 <c>ticket.billed_locked</c>) and the reopen policy (T5, 409
/// <c>ticket.reopen_forbidden</c>); the portal adds that only visible statuses may be chosen (422
/// <c>portal.status_not_allowed</c>) and that mandatory-on-update fields hold a value afterwards. If-Match honoured.
/// </summary>
public static class UpdatePortalTicket
{
    public const string StatusNotAllowed = "portal.status_not_allowed";

    public static async Task<Ok<PortalCommandResponse>> HandleAsync(
        Guid id, [FromBody] JsonElement body, HttpContext http, PortalContexts contexts, PortalTicketQueries queries, TicketCommandService tickets,
        CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        await GetPortalTicket.EnsureVisibleAsync(id, context, queries, ct);
        var settings = context.Settings;
        var input = PortalTicketBody.Read(body, settings, PortalWrite.Update);
        if (input.Changes.IsEmpty && input.Status is null)
        {
            throw PortalTicketBody.Invalid("request", "Name at least one field to change.");
        }

        // A status the contact cannot see would make the ticket vanish from their portal: not theirs to pick.
        string? status = null;
        if (input.Status is not null)
        {
            status = context.Policies.Statuses.TryFind(input.Status, out var found) && settings.VisibleStatusIds.Contains(found.Id)
                ? found.Id
                : throw new UnprocessableException(StatusNotAllowed, $"'{input.Status}' is not a status that can be chosen in the portal.");
        }

        var command = http.CommandContext();
        var result = await tickets.ExecuteAsync(id, ETags.IfMatch(http.Request), command, d =>
        {
            var ticket = d.Ticket;
            List<TicketEvent> events = [];
            if (!input.Changes.IsEmpty)
            {
                events.AddRange(TicketDecider.Decide(new ChangeTicketFields(id, input.Changes, command.Actor), ticket, d.Now));
                ticket = events.Aggregate(ticket, Ticket.Evolve);
            }

            if (status is not null)
            {
                var changed = TicketDecider.Decide(new ChangeTicketStatus(id, status, command.Actor), ticket, d.Policies, d.Now);
                events.AddRange(changed);
                ticket = changed.Aggregate(ticket, Ticket.Evolve);
            }

            PortalTicketBody.EnsureMandatory(settings, PortalWrite.Update, ticket.Fields);
            return TicketDecision.Single(id, [.. events]);
        }, ct);
        ETags.Set(http.Response, result.Version);
        return TypedResults.Ok(new PortalCommandResponse(id, null, result.Version));
    }
}
