namespace Ticketing.Domain.Tickets;

/// <summary>Moves a ticket to another status, named by id or name.</summary>
public sealed record ChangeTicketStatus(Guid TicketId, string Status, Actor By);

public static partial class TicketDecider
{
    /// <returns>No events when the ticket already has that status.</returns>
    public static IReadOnlyList<TicketEvent> Decide(
        ChangeTicketStatus command, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        TicketGuards.EnsureNotBilled(state);

        var target = policies.Statuses.Get(command.Status);
        if (string.Equals(target.Id, state.StatusId, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        EnsureMayReopen(state, target.Category, command.By, policies.Reopen);
        return [new TicketStatusChanged(state.Id, state.StatusId, target.Id, target.Category, command.By, now)];
    }

    /// <summary>T5: only portal users are bound by the reopen setting; staff can always reopen.</summary>
    private static void EnsureMayReopen(Ticket state, StatusCategory target, Actor by, ReopenPolicy policy)
    {
        var reopens = state.IsResolvedOrClosed && target is StatusCategory.Open or StatusCategory.Pending;
        if (reopens && by.Kind == ActorKind.Contact && !policy.PortalCanReopen)
        {
            throw TicketGuards.Violation(TicketErrors.ReopenForbidden, "This ticket cannot be reopened from the portal.");
        }
    }
}
