using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Billing;

/// <summary>Marks a ticket billed, which locks it (T4).</summary>
public sealed record MarkTicketBilled(Guid TicketId, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class MarkTicketBilledHandler
{
    public static Task<TicketCommandResult> Handle(
        MarkTicketBilled command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecision.Single(command.TicketId, [.. TicketDecider.Decide(
            new BillTicket(command.TicketId, command.By.Actor), d.Ticket, d.Now)]), ct);
}
