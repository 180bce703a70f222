using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Workflow;

/// <summary>The rules' contribution to one ticket append: events to add to the stream, and mails to queue with it.</summary>
public sealed record WorkflowOutcome(IReadOnlyList<PendingEvent> Events, IReadOnlyList<WorkflowNotice> Notices)
{
    public static readonly WorkflowOutcome None = new([], []);

    public IEnumerable<TicketEvent> TicketEvents => Events.Select(e => (TicketEvent)e.Data);
}

/// <summary>
/// Runs the rules on a ticket after a command's events and stamps their effects: each rule event is authored by the
/// rule (system role), keeps the command's correlation id and names its triggering event as causation id. Actions the
/// rules skipped (refused by the ticket, or an assignee no longer assignable) are logged as warnings.
/// </summary>
public static class TicketWorkflowStep
{
    public static WorkflowOutcome After(
        WorkflowTrigger trigger,
        Ticket after,
        IReadOnlyList<PendingEvent> commandEvents,
        TicketCommandInputs inputs,
        DateTimeOffset now,
        CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(commandEvents);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        var (policies, _, rules, assignees, _) = inputs;
        if (commandEvents.Count == 0 || rules.Count == 0)
        {
            return WorkflowOutcome.None;
        }

        var run = WorkflowEngine.Run(trigger, after, commandEvents[^1].EventId, rules, policies, now, assignable: assignees.IsAssignable);
        assignees.Report(after.Id, run.Skipped);
        var events = run.Events.Select(e => new PendingEvent(
            e.EventId, e.Event, new EventMetadata(e.Rule.Id, e.Rule.Name, "system", context.CorrelationId, e.CausationId)));
        var notices = run.Notifications.Select(n => new WorkflowNotice(
            n.Rule.Id, n.Rule.Name, n.Recipient, n.CausationId, run.State.Id, run.State.Number, run.State.Fields.Title, run.State.StatusId));
        return new WorkflowOutcome([.. events], [.. notices]);
    }
}
