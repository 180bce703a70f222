using Marten;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Taskfire;

/// <summary>
/// The Taskfire user submits their own ticket to the MSP (T10, seed 004): the MSP's ticket gets the same number, the
/// queue of its issue type or else the Client Portal queue (T7, as a portal ticket), the <paramref name="Note"/>, and the
/// notes named in <paramref name="ShareNoteIds"/> (notes written on this ticket; any other id is a 422
/// <c>ticket.shared_note_invalid</c> and nothing is written).
/// </summary>
public sealed record SubmitTicketToMsp(Guid TicketId, string Note, IReadOnlyList<Guid> ShareNoteIds, CommandContext By, long? IfMatch = null)
    : ITicketCommand;

public static class SubmitTicketToMspHandler
{
    public const string SharedNoteInvalid = "ticket.shared_note_invalid";

    public static async Task<TicketCommandResult> Handle(
        SubmitTicketToMsp command, TicketCommandInputs inputs, IDocumentSession session, IPortalSettings portal, TimeProvider clock,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(portal);
        var routing = await portal.CurrentAsync(ct);
        var shared = await SharedNotesAsync(session, command, ct);
        return await TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecider.Decide(
            new SubmitTaskfireTicket(command.TicketId, Guid.CreateVersion7(), routing.QueueFor(d.Ticket.Fields.IssueType), command.Note, shared, command.By.Actor),
            d.Ticket, d.Policies, d.Now), ct);
    }

    // The notes come from the ticket's own events: those written on it (not mirrored), in the order they were written.
    private static async Task<IReadOnlyList<SharedNote>> SharedNotesAsync(IQuerySession session, SubmitTicketToMsp command, CancellationToken ct)
    {
        if (command.ShareNoteIds.Count == 0)
        {
            return [];
        }

        var wanted = command.ShareNoteIds.ToHashSet();
        var events = await session.Events.FetchStreamAsync(command.TicketId, token: ct);
        var notes = events.Select(e => e.Data).OfType<ReplyPosted>()
            .Where(r => r.MirroredFrom is null && r.TaskfireRelated && wanted.Contains(r.ReplyId))
            .Select(r => new SharedNote(r.ReplyId, r.Author, r.Body, r.Attachments))
            .ToList();
        return notes.Count == wanted.Count
            ? notes
            : throw new UnprocessableException(SharedNoteInvalid, "Only notes written on this ticket can be shared with the MSP.");
    }
}
