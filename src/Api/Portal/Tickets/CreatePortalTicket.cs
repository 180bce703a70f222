using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Api.Portal.Views;
using Ticketing.Api.Tickets;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Portal.Tickets;

/// <summary>
/// <c>POST /api/portal/tickets</c> (P5): the contact opens a ticket for themselves and their company, source
/// Portal. Title required; only editable fields accepted; mandatory-on-create fields enforced. The queue is the
/// issue type's queue, else "Client Portal" (T7), unless the admin made the queue editable and one is given.
/// </summary>
public static class CreatePortalTicket
{
    public const string ManualCreationDisabled = "portal.manual_creation_disabled";

    public static async Task<Created<PortalCommandResponse>> HandleAsync(
        [FromBody] JsonElement body, HttpContext http, PortalContexts contexts, TicketCommandService tickets, CancellationToken ct)
    {
        var context = await contexts.ResolveAsync(http, ct);
        var settings = context.Settings;
        if (!settings.ManualCreationEnabled)
        {
            throw new ForbiddenException(ManualCreationDisabled, "Tickets are opened through the assistant; manual creation is turned off.");
        }

        if (body.ValueKind == JsonValueKind.Object && !body.TryGetProperty(PortalFields.Title, out _))
        {
            throw PortalTicketBody.Invalid(PortalFields.Title, "'title' is required.");
        }

        var input = PortalTicketBody.Read(body, settings, PortalWrite.Create);
        var fields = input.Changes.ApplyTo(TicketFields.Titled(""));
        fields = fields with { Queue = input.Changes.Queue is null ? settings.QueueFor(fields.IssueType) : fields.Queue };
        PortalTicketBody.EnsureMandatory(settings, PortalWrite.Create, fields);

        var command = http.CommandContext();
        var caller = context.Caller;
        var id = Guid.CreateVersion7();
        var result = await tickets.CreateAsync(
            (number, now, policies) => TicketDecider.Decide(
                new CreateTicket(id, number, fields, TicketSource.Portal, caller.CustomerId, caller.ContactId, null, null, null, command.Actor),
                Ticket.Initial, policies, now),
            id, command, ct);
        var created = result.Events.OfType<TicketCreated>().Single();
        ETags.Set(http.Response, result.Version);
        return TypedResults.Created($"/api/portal/tickets/{id}", new PortalCommandResponse(id, created.Number, result.Version));
    }
}
