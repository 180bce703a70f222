namespace Ticketing.Domain.Tickets;

/// <summary>Assigns a technician, or unassigns with a null <paramref name="TechnicianId"/>.</summary>
public sealed record AssignTechnician(Guid TicketId, Guid? TechnicianId, Actor By);

public static partial class TicketDecider
{
    /// <returns>No events when the ticket already has that assignee.</returns>
    public static IReadOnlyList<TicketEvent> Decide(AssignTechnician command, Ticket state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (command.TechnicianId == Guid.Empty)
        {
            throw new ArgumentException("Unassign with null, not an empty id.", nameof(command));
        }

        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        TicketGuards.EnsureStaff(command.By, "assign technicians");

        // The assignee is part of what was billed (who did the work), so it is locked like the other fields.
        TicketGuards.EnsureNotBilled(state);

        return state.AssignedTechnicianId == command.TechnicianId
            ? []
            : [new TechnicianAssigned(state.Id, command.TechnicianId, command.By, now)];
    }
}
