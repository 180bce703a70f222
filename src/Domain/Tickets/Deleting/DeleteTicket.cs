namespace Ticketing.Domain.Tickets;

/// <summary>Deletes a ticket; for a Taskfire pair, deleting either side deletes both (T10).</summary>
public sealed record DeleteTicket(Guid TicketId, Actor By);

public static partial class TicketDecider
{
    /// <param name="partner">The Taskfire partner's state when <paramref name="state"/> has one, else null.</param>
    /// <returns><see cref="TicketDeleted"/> on this stream and <see cref="SharedCopyDeleted"/> on the partner's.</returns>
    public static TicketDecision Decide(DeleteTicket command, Ticket state, Ticket? partner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);

        // Staff delete the MSP's tickets, Taskfire users their copies; portal users never delete.
        if (command.By.Kind == ActorKind.Contact)
        {
            throw TicketGuards.Violation(TicketErrors.ActorForbidden, "Portal users cannot delete tickets.");
        }

        TicketGuards.EnsureNotBilled(state);
        var deleted = new StreamEvents(state.Id, [new TicketDeleted(state.Id, command.By, now)]);
        if (state.Taskfire is not { HasPartner: true } link)
        {
            return new TicketDecision([deleted]);
        }

        if (partner is null || partner.Id != link.LinkedTicketId)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireLinkMismatch, "The Taskfire partner given is not this ticket's.");
        }

        // A Taskfire user deleting the copy takes the MSP's ticket with it, so a billed MSP ticket blocks that too.
        TicketGuards.EnsureNotBilled(partner);
        if (partner.IsDeleted)
        {
            return new TicketDecision([deleted]);
        }

        var shared = new SharedCopyDeleted(partner.Id, state.Id, link.ResourceId, command.By, now);
        return new TicketDecision([deleted, new StreamEvents(partner.Id, [shared])]);
    }
}
