namespace Ticketing.Domain.Tickets;

/// <summary>
/// Marks a ticket billed, which locks it (T4). Unbilling is out of scope: a billed ticket stays locked.
/// Taskfire copies are never billed: billing is the MSP's business, done on the MSP's ticket.
/// </summary>
public sealed record BillTicket(Guid TicketId, Actor By);

public static partial class TicketDecider
{
    public static IReadOnlyList<TicketEvent> Decide(BillTicket command, Ticket state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        TicketGuards.EnsureStaff(command.By, "bill tickets");
        if (state.IsBilled)
        {
            throw TicketGuards.Violation(TicketErrors.AlreadyBilled, "The ticket has already been billed.");
        }

        return [new TicketBilled(state.Id, command.By, now)];
    }
}
