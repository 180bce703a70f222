using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Deleting;

/// <summary>Deletes a ticket and, when it is linked to Taskfire, its partner.</summary>
public sealed record RemoveTicket(Guid TicketId, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class RemoveTicketHandler
{
    public static Task<TicketCommandResult> Handle(
        RemoveTicket command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecider.Decide(
            new DeleteTicket(command.TicketId, command.By.Actor), d.Ticket, d.Partner, d.Now), ct);
}
