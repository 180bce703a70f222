using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Taskfire;

/// <summary>
/// Assigns a ticket to Taskfire (T10): the domain decides the linked copy with the same number in the customer's
/// queue, handed to <paramref name="ResourceId"/>, who must be a Taskfire user of the ticket's own customer (422).
/// </summary>
public sealed record HandTicketToTaskfire(Guid TicketId, string Queue, Guid ResourceId, string Note, CommandContext By, long? IfMatch = null)
    : ITicketCommand;

public static class HandTicketToTaskfireHandler
{
    public static async Task<TicketCommandResult> Handle(
        HandTicketToTaskfire command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var resourceCustomer = await TicketAssignees.TaskfireCustomerAsync(session, command.ResourceId, ct);
        return await TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d =>
        {
            TicketAssignees.EnsureTaskfireResource(command.ResourceId, resourceCustomer, d.Ticket.CustomerId);
            return TicketDecider.Decide(
                new AssignToTaskfire(command.TicketId, Guid.CreateVersion7(), command.Queue, command.ResourceId, command.Note, command.By.Actor),
                d.Ticket, d.Policies, d.Now);
        }, ct);
    }
}
