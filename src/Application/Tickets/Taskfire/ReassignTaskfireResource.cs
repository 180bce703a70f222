using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Taskfire;

/// <summary>
/// Hands a Taskfire pair to another Taskfire resource (T10), from either side: <paramref name="ResourceId"/> must be an
/// active Taskfire user of the ticket's own customer (422 <c>ticket.taskfire_resource_invalid</c>, nothing written).
/// </summary>
public sealed record ReassignTaskfireResource(Guid TicketId, Guid ResourceId, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class ReassignTaskfireResourceHandler
{
    public static async Task<TicketCommandResult> Handle(
        ReassignTaskfireResource command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var resourceCustomer = await TicketAssignees.TaskfireCustomerAsync(session, command.ResourceId, ct);
        return await TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d =>
        {
            TicketAssignees.EnsureTaskfireResource(command.ResourceId, resourceCustomer, d.Ticket.CustomerId);
            return TicketDecider.Decide(new ChangeTaskfireResource(command.TicketId, command.ResourceId, command.By.Actor), d.Ticket, d.Partner, d.Now);
        }, ct);
    }
}
