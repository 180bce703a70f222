using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Domain.Tickets;
using Wolverine;

namespace Ticketing.Api.Tickets;

/// <summary><c>POST /api/tickets</c>: a technician opens a ticket; it gets the next number of the MSP's day (T2).</summary>
public static class CreateTicketEndpoint
{
    public sealed record Response(Guid Id, string Number, long Version);

    public static async Task<Created<Response>> Handle(CreateTicketRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var fields = new TicketFields(
            request.Title!.Trim(), request.Description, request.Priority, request.Impact, request.Type, request.ProductFamily,
            request.Queue, request.IssueType, request.WorkType, request.DueDate,
            request.CustomFields ?? new Dictionary<string, string?>(StringComparer.Ordinal));
        var opened = await bus.InvokeAsync<OpenedTicket>(new OpenTicket(
            Guid.CreateVersion7(), request.Source ?? TicketSource.Technician, request.CustomerId, request.ContactId, fields,
            request.AssigneeId, request.Status, request.SeriesId, [], http.CommandContext()), ct);
        ETags.Set(http.Response, opened.Version);
        return TypedResults.Created($"/api/tickets/{opened.TicketId}", new Response(opened.TicketId, opened.Number, opened.Version));
    }
}
