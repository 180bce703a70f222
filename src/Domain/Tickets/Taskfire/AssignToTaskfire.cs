namespace Ticketing.Domain.Tickets;

/// <summary>
/// "Assign to Taskfire" (T10): makes a copy of the MSP's ticket for the customer's IT, in stream
/// <paramref name="CopyId"/> (allocated by the caller), with a Taskfire queue, resource and explaining note.
/// </summary>
public sealed record AssignToTaskfire(
    Guid TicketId,
    Guid CopyId,
    string? TaskfireQueue,
    Guid TaskfireResourceId,
    string? Note,
    Actor By);

public static partial class TicketDecider
{
    /// <returns><see cref="TicketAssignedToTaskfire"/> on the MSP's stream and <see cref="TaskfireCopyCreated"/> on the copy's.</returns>
    public static TicketDecision Decide(AssignToTaskfire command, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        TicketGuards.EnsureStaff(command.By, "assign tickets to Taskfire");
        TicketGuards.EnsureNotBilled(state);
        if (state.Taskfire is not null)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireAlreadyAssigned, "The ticket already has a Taskfire copy.");
        }

        var queue = command.TaskfireQueue?.Trim();
        if (string.IsNullOrEmpty(queue))
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireQueueRequired, "Choose a Taskfire queue.");
        }

        if (command.TaskfireResourceId == Guid.Empty)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireResourceRequired, "Choose a Taskfire resource.");
        }

        var note = TicketGuards.RequireNote(command.Note, TicketErrors.TaskfireNoteRequired, "Assigning to Taskfire");
        if (command.CopyId == Guid.Empty || command.CopyId == state.Id)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireCopyIdInvalid, "The copy needs its own new id.");
        }

        // The copy starts fresh in the customer's hands: open, in the Taskfire queue, with the MSP's details.
        var open = policies.Statuses.Get(StatusCatalogue.Open.Id);
        var copy = new TaskfireCopyCreated(
            command.CopyId, state.Id, state.Number, state.Fields with { Queue = queue }, open.Id, open.Category,
            state.CustomerId, state.ContactId, queue, command.TaskfireResourceId, note, command.By, now);
        var assigned = new TicketAssignedToTaskfire(
            state.Id, command.CopyId, queue, command.TaskfireResourceId, note, command.By, now);

        return new TicketDecision([new(state.Id, [assigned]), new(command.CopyId, [copy])]);
    }
}
