namespace Ticketing.Domain.Tickets;

/// <summary>
/// Hands a Taskfire pair to another Taskfire user (T10): the Taskfire user on their copy, or the MSP's staff on their
/// ticket. That the new resource is an active Taskfire user of the ticket's customer is checked before, against the
/// users (it is not ticket state).
/// </summary>
public sealed record ChangeTaskfireResource(Guid TicketId, Guid ResourceId, Actor By);

public static partial class TicketDecider
{
    /// <param name="partner">The other ticket of the pair.</param>
    /// <returns><see cref="TaskfireResourceChanged"/> on both tickets; nothing when the resource is already the one named.</returns>
    public static TicketDecision Decide(ChangeTaskfireResource command, Ticket state, Ticket? partner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        if (command.By.Kind == ActorKind.Contact)
        {
            throw TicketGuards.Violation(TicketErrors.ActorForbidden, "Portal users cannot change the Taskfire resource.");
        }

        var pair = TaskfirePair.Of(state, partner);
        if (command.ResourceId == Guid.Empty)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireResourceRequired, "Choose a Taskfire resource.");
        }

        var current = pair.Copy.Taskfire!.ResourceId;
        if (current == command.ResourceId)
        {
            return new TicketDecision([]);
        }

        return new TicketDecision(
        [
            new(pair.Msp.Id, [new TaskfireResourceChanged(pair.Msp.Id, current, command.ResourceId, command.By, now)]),
            new(pair.Copy.Id, [new TaskfireResourceChanged(pair.Copy.Id, current, command.ResourceId, command.By, now)]),
        ]);
    }
}
