using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary><c>POST /api/tickets</c>: a technician opens a ticket; it gets the next number of the MSP's day (T2).</summary>
public static class CreateTicketEndpoint
{
    public sealed record Response(Guid Id, string Number, long Version);

    public static async Task<Created<Response>> Handle(
        CreateTicketRequest request, HttpContext http, TicketCommandService tickets, ICustomerDirectory directory, TicketWriteChecks checks,
        TicketAssignees assignees, CancellationToken ct)
    {
        var context = http.CommandContext();
        await checks.CheckCreateAsync(request, ct);
        await EnsureCustomerAndContactAsync(request, directory, ct);
        await assignees.EnsureAssignableAsync(request.AssigneeId, ct);
        var id = Guid.CreateVersion7();
        var fields = new TicketFields(
            request.Title!.Trim(), request.Description, request.Priority, request.Impact, request.Type, request.ProductFamily,
            request.Queue, request.IssueType, request.WorkType, request.DueDate,
            request.CustomFields ?? new Dictionary<string, string?>(StringComparer.Ordinal));
        var result = await tickets.CreateAsync(
            (number, now, policies) => TicketDecider.Decide(
                new CreateTicket(id, number, fields, request.Source ?? TicketSource.Technician, request.CustomerId, request.ContactId,
                    request.AssigneeId, request.Status, request.SeriesId, context.Actor),
                Ticket.Initial, policies, now),
            id, context, ct);
        var created = result.Events.OfType<TicketCreated>().Single();
        ETags.Set(http.Response, result.Version);
        return TypedResults.Created($"/api/tickets/{id}", new Response(id, created.Number, result.Version));
    }

    private static async Task EnsureCustomerAndContactAsync(CreateTicketRequest request, ICustomerDirectory directory, CancellationToken ct)
    {
        _ = await directory.GetCustomerAsync(request.CustomerId, ct)
            ?? throw new UnprocessableException("ticket.unknown_customer", $"Customer {request.CustomerId} does not exist.");
        if (request.ContactId is { } contactId)
        {
            var contact = await directory.GetContactAsync(contactId, ct);
            if (contact is null || contact.CustomerId != request.CustomerId)
            {
                throw new UnprocessableException("ticket.unknown_contact", $"Contact {contactId} is not a contact of customer {request.CustomerId}.");
            }
        }
    }
}
