using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Taskfire;

/// <summary>"I have a question" on a Taskfire-linked ticket (T10): a note for the Taskfire user, who is notified.</summary>
public sealed record PutQuestionToTaskfire(Guid TicketId, string Question, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class PutQuestionToTaskfireHandler
{
    public static Task<TicketCommandResult> Handle(
        PutQuestionToTaskfire command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecider.Decide(
            new AskTaskfireQuestion(command.TicketId, Guid.CreateVersion7(), command.Question, command.By.Actor), d.Ticket, d.Partner, d.Now), ct);
}
