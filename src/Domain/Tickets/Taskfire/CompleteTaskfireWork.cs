namespace Ticketing.Domain.Tickets;

/// <summary>
/// "My work is complete" (T10): a note plus a new status for the Taskfire copy only; the MSP closes its own
/// ticket the usual way. <paramref name="CopyStatus"/> (id or name) defaults to the built-in Resolved.
/// </summary>
public sealed record CompleteTaskfireWork(Guid TicketId, Guid ReplyId, string? Note, string? CopyStatus, Actor By);

public static partial class TicketDecider
{
    /// <summary>
    /// Addressed to either side: the seed has the MSP's technician use it on the MSP's ticket, and a Taskfire
    /// user may equally report their part done on the copy. Portal users cannot.
    /// </summary>
    /// <param name="partner">The other ticket of the pair.</param>
    /// <returns><see cref="TaskfireWorkCompleted"/> on the copy and the note (Taskfire-related) on the MSP's ticket.</returns>
    public static TicketDecision Decide(
        CompleteTaskfireWork command, Ticket state, Ticket? partner, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        if (command.By.Kind == ActorKind.Contact)
        {
            throw TicketGuards.Violation(TicketErrors.ActorForbidden, "Portal users cannot complete Taskfire work.");
        }

        var pair = TaskfirePair.Of(state, partner);
        var note = TicketGuards.RequireNote(command.Note, TicketErrors.TaskfireNoteRequired, "Completing Taskfire work");
        var status = policies.Statuses.Get(command.CopyStatus ?? StatusCatalogue.Resolved.Id);

        var completed = new TaskfireWorkCompleted(
            pair.Copy.Id, command.ReplyId, note, status.Id, status.Category, command.By, now);
        var mirrored = pair.NoteOnMsp(command.ReplyId, command.By, note, state.Id, now);
        return new TicketDecision([new(pair.Msp.Id, [mirrored]), new(pair.Copy.Id, [completed])]);
    }
}
