using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary><c>PATCH /api/tickets/{id}</c>: change fields; with If-Match a stale version is a 412.</summary>
public static class UpdateTicketEndpoint
{
    public static async Task<Ok<TicketCommandResponse>> Handle(
        Guid id, JsonElement body, HttpContext http, TicketCommandService tickets, TicketWriteChecks checks, CancellationToken ct)
    {
        var changes = TicketPatch.Parse(body);
        await checks.CheckUpdateAsync(changes, ct);
        return await TicketCommandEndpoints.RunAsync(http, id, tickets,
            (d, by) => new TicketDecision([new(id, TicketDecider.Decide(new ChangeTicketFields(id, changes, by), d.Ticket, d.Now))]), ct);
    }
}
