using Ticketing.Domain.Tickets;

namespace Ticketing.Domain.Workflow;

/// <summary>An event a rule decided, with its id and the event that caused it.</summary>
public sealed record RuleEvent(Guid EventId, TicketEvent Event, Guid CausationId, WorkflowRule Rule);

/// <summary>A notification a rule asks for, caused by <paramref name="CausationId"/>.</summary>
public sealed record RuleNotification(WorkflowRule Rule, string Recipient, Guid CausationId);

/// <summary>A set-action of a firing rule that changed nothing because it was refused, and the stable code of why.</summary>
public sealed record SkippedAction(WorkflowRule Rule, WorkflowSetTarget Target, string Reason);

/// <summary>
/// What the rules did after one command: their events in order, their notifications, the final state, and the
/// set-actions of firing rules that were skipped.
/// </summary>
public sealed record WorkflowRun(
    IReadOnlyList<RuleEvent> Events, IReadOnlyList<RuleNotification> Notifications, Ticket State, IReadOnlyList<SkippedAction> Skipped)
{
    public static WorkflowRun Nothing(Ticket state) => new([], [], state, []);
}

/// <summary>
/// Runs workflow rules (T8) after a command, purely. Each matching rule's set-actions are ordinary decisions taken by
/// <see cref="Actor.System"/> with the rule's id, folded onto the state in turn, so a rule can do nothing a
/// technician could not. Events a level of rules produces are a "ticket updated" trigger for the next level.
/// </summary>
/// <remarks>
/// Loops are impossible: a rule fires at most once per command and cascades stop after <see cref="MaxDepth"/>
/// levels. An action the ticket refuses (billed, deleted, unknown status) is skipped rather than failing the
/// command that triggered it, because the person issuing it neither wrote the rule nor can fix it. So is a "set assignee"
/// naming someone <c>assignable</c> refuses now (the user left staff or was deactivated after the rule was saved): the
/// ticket is never assigned to a non-staff user. Each skip is returned in <see cref="WorkflowRun.Skipped"/>.
/// </remarks>
public static class WorkflowEngine
{
    /// <summary>The command's own trigger plus two levels of cascade.</summary>
    public const int MaxDepth = 3;

    /// <summary>The reason of a skipped "set assignee" whose user is no longer active staff.</summary>
    public const string AssigneeNotAssignable = "workflow.assignee_not_assignable";

    public static WorkflowRun Run(
        WorkflowTrigger trigger,
        Ticket state,
        Guid triggerEventId,
        IReadOnlyList<WorkflowRule> rules,
        TicketPolicies policies,
        DateTimeOffset now,
        Func<Guid>? newEventId = null,
        Func<Guid, bool>? assignable = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(policies);
        if (!state.Exists || state.IsDeleted || state.IsTaskfireCopy || rules.Count == 0)
        {
            return WorkflowRun.Nothing(state);
        }

        newEventId ??= Guid.CreateVersion7;
        var fired = new HashSet<Guid>();
        var events = new List<RuleEvent>();
        var notifications = new List<RuleNotification>();
        var skipped = new List<SkippedAction>();
        var causation = triggerEventId;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var produced = new List<RuleEvent>();
            foreach (var rule in rules.Where(r => r.Trigger == trigger && !fired.Contains(r.Id)))
            {
                if (!rule.Conditions.All(c => WorkflowFields.Holds(c, state)))
                {
                    continue;
                }

                fired.Add(rule.Id);
                foreach (var action in rule.Actions)
                {
                    if (action is NotifyRecipient notify)
                    {
                        notifications.Add(new RuleNotification(rule, notify.Recipient, causation));
                        continue;
                    }

                    var set = (SetTicketField)action;
                    if (set.Target == WorkflowSetTarget.Assignee && AssigneeOf(set) is { } assignee && assignable?.Invoke(assignee) == false)
                    {
                        skipped.Add(new SkippedAction(rule, set.Target, AssigneeNotAssignable));
                        continue;
                    }

                    var (decided, refusal) = Decide(set, rule, state, policies, now);
                    if (refusal is not null)
                    {
                        skipped.Add(new SkippedAction(rule, set.Target, refusal));
                    }

                    foreach (var e in decided)
                    {
                        state = Ticket.Evolve(state, e);
                        produced.Add(new RuleEvent(newEventId(), e, causation, rule));
                    }
                }
            }

            if (produced.Count == 0)
            {
                break;
            }

            events.AddRange(produced);
            trigger = WorkflowTrigger.TicketUpdated;
            causation = produced[^1].EventId;
        }

        return new WorkflowRun(events, notifications, state, skipped);
    }

    private static Guid? AssigneeOf(SetTicketField set) => Guid.TryParse(set.Value, out var id) && id != Guid.Empty ? id : null;

    private static (IReadOnlyList<TicketEvent> Events, string? Refusal) Decide(
        SetTicketField set, WorkflowRule rule, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        var by = Actor.System(rule.Id);
        try
        {
            return (set.Target switch
            {
                WorkflowSetTarget.WorkType => Fields(new() { WorkType = new(set.Value) }),
                WorkflowSetTarget.Queue => Fields(new() { Queue = new(set.Value) }),
                WorkflowSetTarget.Priority => Fields(new() { Priority = new(set.Value) }),
                WorkflowSetTarget.Status => TicketDecider.Decide(new ChangeTicketStatus(state.Id, set.Value ?? "", by), state, policies, now),
                WorkflowSetTarget.Assignee => TicketDecider.Decide(new AssignTechnician(state.Id, AssigneeOf(set), by), state, now),
                _ => throw new ArgumentOutOfRangeException(nameof(set), set.Target, "Unknown set target."),
            }, null);
        }
        catch (DomainRuleViolation refused)
        {
            return ([], refused.Code);
        }

        IReadOnlyList<TicketEvent> Fields(TicketFieldChanges changes) =>
            TicketDecider.Decide(new ChangeTicketFields(state.Id, changes, by), state, now);
    }
}
