using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Status;

/// <summary>A technician moves a ticket to another status (id or name); the domain checks the billed lock (T4).</summary>
public sealed record SetTicketStatus(Guid TicketId, string Status, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class SetTicketStatusHandler
{
    public static Task<TicketCommandResult> Handle(
        SetTicketStatus command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecision.Single(command.TicketId, [.. TicketDecider.Decide(
            new ChangeTicketStatus(command.TicketId, command.Status, command.By.Actor), d.Ticket, d.Policies, d.Now)]), ct);
}
