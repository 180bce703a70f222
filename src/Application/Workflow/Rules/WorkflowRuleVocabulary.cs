using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Workflow.Rules;

/// <summary>The words of the HTTP and storage shape, and their domain meaning.</summary>
public static class WorkflowRuleVocabulary
{
    public static readonly IReadOnlyDictionary<string, WorkflowTrigger> Triggers = new Dictionary<string, WorkflowTrigger>(StringComparer.Ordinal)
    {
        ["ticket_created"] = WorkflowTrigger.TicketCreated,
        ["ticket_updated"] = WorkflowTrigger.TicketUpdated,
    };

    public static readonly IReadOnlyDictionary<string, WorkflowOperator> Operators = new Dictionary<string, WorkflowOperator>(StringComparer.Ordinal)
    {
        ["eq"] = WorkflowOperator.Eq,
        ["neq"] = WorkflowOperator.Neq,
        ["in"] = WorkflowOperator.In,
        ["contains"] = WorkflowOperator.Contains,
    };

    public static readonly IReadOnlyDictionary<string, WorkflowSetTarget> SetTargets = new Dictionary<string, WorkflowSetTarget>(StringComparer.Ordinal)
    {
        ["workType"] = WorkflowSetTarget.WorkType,
        ["queue"] = WorkflowSetTarget.Queue,
        ["priority"] = WorkflowSetTarget.Priority,
        ["status"] = WorkflowSetTarget.Status,
        ["assignee"] = WorkflowSetTarget.Assignee,
    };

    /// <summary>A validated body in the domain's terms.</summary>
    public static WorkflowRule ToRule(Guid id, string name, string trigger, IReadOnlyList<WorkflowConditionBody> conditions, IReadOnlyList<WorkflowActionBody> actions) =>
        new(id, name, Triggers[trigger],
            [.. conditions.Select(c => new WorkflowCondition(c.Field!, Operators[c.Op!], c.Values ?? [c.Value!]))],
            [.. actions.Select(ToAction)]);

    /// <summary>Stored form: <c>in</c> keeps its list, the others their single value.</summary>
    public static WorkflowConditionBody Normalise(WorkflowConditionBody c) =>
        c.Op == "in" ? c with { Value = null, Unknown = null } : c with { Values = null, Unknown = null };

    public static WorkflowActionBody Normalise(WorkflowActionBody a) =>
        a.Notify is not null ? new WorkflowActionBody(null, null, a.Notify.Trim()) : a with { Notify = null, Unknown = null };

    private static WorkflowAction ToAction(WorkflowActionBody a) =>
        a.Notify is { } recipient ? new NotifyRecipient(recipient) : new SetTicketField(SetTargets[a.Set!], a.Value);
}
