using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Taskfire;

/// <summary>"My work is complete" on a Taskfire-linked ticket (T10): a note, and the partner's status changes.</summary>
public sealed record ReportTaskfireWorkComplete(Guid TicketId, string Note, string? Status, CommandContext By, long? IfMatch = null)
    : ITicketCommand;

public static class ReportTaskfireWorkCompleteHandler
{
    public static Task<TicketCommandResult> Handle(
        ReportTaskfireWorkComplete command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecider.Decide(
            new CompleteTaskfireWork(command.TicketId, Guid.CreateVersion7(), command.Note, command.Status, command.By.Actor),
            d.Ticket, d.Partner, d.Policies, d.Now), ct);
}
