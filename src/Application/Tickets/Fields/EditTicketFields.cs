using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Fields;

/// <summary>A technician changes a ticket's fields (PATCH): present fields change, null clears, absent ones stay.</summary>
public sealed record EditTicketFields(Guid TicketId, TicketFieldChanges Changes, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class EditTicketFieldsHandler
{
    /// <summary>The new custom values of their types (400) and catalogue values that name entries (422), before the ticket is read.</summary>
    public static Task ValidateAsync(EditTicketFields command, ITicketFieldRules fieldRules, CancellationToken ct)
    {
        var changes = command.Changes;
        return fieldRules.CheckAsync(changes.Queue?.Value, changes.IssueType?.Value, changes.WorkType?.Value, changes.CustomFields, ct);
    }

    public static Task<TicketCommandResult> Handle(
        EditTicketFields command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecision.Single(command.TicketId, [.. TicketDecider.Decide(
            new ChangeTicketFields(command.TicketId, command.Changes, command.By.Actor), d.Ticket, d.Now)]), ct);
}
