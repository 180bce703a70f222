namespace Ticketing.Domain.Tickets;

/// <summary>
/// "I have a question" (T10): the MSP's technician asks the Taskfire user something on the MSP's ticket; the
/// question shows on the copy and the assigned Taskfire resource is notified.
/// </summary>
public sealed record AskTaskfireQuestion(Guid TicketId, Guid ReplyId, string? Question, Actor By);

public static partial class TicketDecider
{
    /// <param name="partner">The Taskfire copy of the MSP's ticket <paramref name="state"/>.</param>
    /// <returns>
    /// The note on the MSP's ticket and <see cref="TaskfireQuestionAsked"/> on the copy, which names the resource
    /// to notify so the mail can be derived from the event alone.
    /// </returns>
    public static TicketDecision Decide(AskTaskfireQuestion command, Ticket state, Ticket? partner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);

        // The question goes to the Taskfire resource; asking from the copy would notify the asker themselves.
        TicketGuards.EnsureStaff(command.By, "ask the Taskfire user a question");

        var pair = TaskfirePair.Of(state, partner);
        var question = TicketGuards.RequireNote(command.Question, TicketErrors.TaskfireNoteRequired, "A question");
        var asked = new TaskfireQuestionAsked(
            pair.Copy.Id, command.ReplyId, question, pair.Copy.Taskfire!.ResourceId, command.By, now);
        var mirrored = pair.NoteOnMsp(command.ReplyId, command.By, question, state.Id, now);
        return new TicketDecision([new(pair.Msp.Id, [mirrored]), new(pair.Copy.Id, [asked])]);
    }
}
