using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Tickets.Fields;
using Wolverine;

namespace Ticketing.Api.Tickets;

/// <summary><c>PATCH /api/tickets/{id}</c>: change fields; with If-Match a stale version is a 412.</summary>
public static class UpdateTicketEndpoint
{
    public static Task<Ok<TicketCommandResponse>> Handle(Guid id, JsonElement body, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        TicketCommandEndpoints.InvokeAsync(http, bus, new EditTicketFields(id, TicketPatch.Parse(body), http.CommandContext(), ETags.IfMatch(http.Request)), ct);
}
