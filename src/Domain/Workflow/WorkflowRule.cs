namespace Ticketing.Domain.Workflow;

/// <summary>When a rule is considered (T8).</summary>
public enum WorkflowTrigger
{
    TicketCreated,
    TicketUpdated,
}

public enum WorkflowOperator
{
    Eq,
    Neq,
    In,
    Contains,
}

/// <summary>A ticket field a set-action writes.</summary>
public enum WorkflowSetTarget
{
    WorkType,
    Queue,
    Priority,
    Status,
    Assignee,
}

/// <summary>
/// An admin's rule: on <paramref name="Trigger"/>, when every condition holds, run the actions in order. Rules are
/// evaluated in their position order; the list handed to <see cref="WorkflowEngine"/> is already sorted.
/// </summary>
public sealed record WorkflowRule(
    Guid Id,
    string Name,
    WorkflowTrigger Trigger,
    IReadOnlyList<WorkflowCondition> Conditions,
    IReadOnlyList<WorkflowAction> Actions);

/// <summary>
/// <paramref name="Field"/> is one of <see cref="WorkflowFields"/>; <paramref name="Values"/> holds one value, or the
/// candidates of <see cref="WorkflowOperator.In"/>.
/// </summary>
public sealed record WorkflowCondition(string Field, WorkflowOperator Op, IReadOnlyList<string> Values);

public abstract record WorkflowAction
{
    private protected WorkflowAction()
    {
    }
}

/// <summary>Sets a field; a null <paramref name="Value"/> clears it (unassigns for the assignee).</summary>
public sealed record SetTicketField(WorkflowSetTarget Target, string? Value) : WorkflowAction;

/// <summary>Mails an address, or a user named by id.</summary>
public sealed record NotifyRecipient(string Recipient) : WorkflowAction;
