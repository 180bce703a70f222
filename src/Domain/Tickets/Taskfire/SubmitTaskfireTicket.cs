namespace Ticketing.Domain.Tickets;

/// <summary>A note of the Taskfire user's own ticket chosen to go to the MSP with it.</summary>
public sealed record SharedNote(Guid ReplyId, Actor Author, string Body, IReadOnlyList<AttachmentMetadata> Attachments);

/// <summary>
/// The Taskfire user cannot solve their own ticket and submits it to the MSP (T10, seed 004): the MSP's ticket is made
/// in stream <paramref name="MspTicketId"/> (allocated by the caller) with the SAME number, in <paramref name="Queue"/>
/// (routed by the caller, T7), with the explaining <paramref name="Note"/> and the <paramref name="SharedNotes"/>.
/// </summary>
public sealed record SubmitTaskfireTicket(
    Guid TicketId, Guid MspTicketId, string Queue, string? Note, IReadOnlyList<SharedNote> SharedNotes, Actor By);

public static partial class TicketDecider
{
    /// <returns>
    /// On the MSP's new stream <see cref="TicketCreated"/> (source Taskfire), <see cref="TaskfireTicketSubmitted"/> and the
    /// shared notes as internal Taskfire notes; on the Taskfire ticket <see cref="TaskfireTicketSubmitted"/>.
    /// </returns>
    public static TicketDecision Decide(SubmitTaskfireTicket command, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);
        if (!state.IsUnsubmittedTaskfireTicket)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireAlreadyLinked, "The ticket is already linked to an MSP ticket.");
        }

        var note = TicketGuards.RequireNote(command.Note, TicketErrors.TaskfireNoteRequired, "Submitting a ticket to the MSP");
        if (command.MspTicketId == Guid.Empty || command.MspTicketId == state.Id)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireCopyIdInvalid, "The MSP's ticket needs its own new id.");
        }

        var msp = command.MspTicketId;
        var resource = state.Taskfire!.ResourceId;
        var open = policies.Statuses.Get(StatusCatalogue.Open.Id);
        List<TicketEvent> onMsp =
        [
            new TicketCreated(msp, state.Number, state.Fields with { Queue = command.Queue }, open.Id, open.Category, TicketSource.Taskfire,
                state.CustomerId, null, null, null, command.By, now),
            new TaskfireTicketSubmitted(msp, state.Id, resource, note, command.By, now),
        ];
        // Shared notes reach the MSP as Taskfire notes do: internal, never shown to the end user.
        onMsp.AddRange(command.SharedNotes.Select(n =>
            new ReplyPosted(msp, n.ReplyId, n.Author, n.Body, ReplyVisibility.Internal, true, n.Attachments, state.Id, now)));
        return new TicketDecision(
        [
            new(state.Id, [new TaskfireTicketSubmitted(state.Id, msp, resource, note, command.By, now)]),
            new(msp, onMsp),
        ]);
    }
}
