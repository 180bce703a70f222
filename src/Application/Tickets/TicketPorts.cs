using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets;

/// <summary>The MSP's ticket configuration that decisions depend on (statuses, reopen policy, time zone).</summary>
public interface ITicketSettings
{
    ValueTask<TicketPolicies> PoliciesAsync(CancellationToken ct);

    ValueTask<TimeZoneInfo> MspTimeZoneAsync(CancellationToken ct);
}

/// <summary>The enabled workflow rules (T8), read once per command, in position order.</summary>
public interface ITicketWorkflowRules
{
    Task<IReadOnlyList<WorkflowRule>> EnabledRulesAsync(CancellationToken ct);
}

/// <summary>Who runs a command, and the correlation id that ties its events to the request.</summary>
public sealed record CommandContext(Actor Actor, string? ActorName, Guid CorrelationId)
{
    public EventMetadata Metadata(Guid? causationId = null) =>
        new(Actor.Id, ActorName, Actor.Kind.ToString().ToLowerInvariant(), CorrelationId, causationId);
}

/// <summary>The outcome of a ticket command: the ticket's new stream version (its ETag) and the events stored.</summary>
public sealed record TicketCommandResult(Guid TicketId, long Version, IReadOnlyList<TicketEvent> Events);

/// <summary>What a decision sees: the ticket, its Taskfire partner if any, the policies and the time.</summary>
public sealed record TicketDecisionContext(Ticket Ticket, Ticket? Partner, TicketPolicies Policies, DateTimeOffset Now);
