namespace Ticketing.Application.Workflow;

/// <summary>
/// A mail a workflow rule queues, written to the outbox in the transaction of the events that caused it.
/// <paramref name="Recipient"/> is an address or a user id; <paramref name="CausationId"/> is the triggering event.
/// </summary>
public sealed record WorkflowNotice(
    Guid RuleId,
    string RuleName,
    string Recipient,
    Guid CausationId,
    Guid TicketId,
    string TicketNumber,
    string TicketTitle,
    string StatusId);
