using Ticketing.Application.EventSourcing;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets;

/// <summary>The MSP's ticket configuration that decisions depend on (statuses, reopen policy, time zone).</summary>
public interface ITicketSettings
{
    ValueTask<TicketPolicies> PoliciesAsync(CancellationToken ct);

    ValueTask<TimeZoneInfo> MspTimeZoneAsync(CancellationToken ct);
}

/// <summary>
/// Gap-free ticket numbers (T2): the next number of a day is drawn in the same transaction as the append
/// that uses it, so a failed append gives its number back and no two tickets share one.
/// </summary>
public interface ITicketNumberAllocator
{
    Task<IReadOnlyList<AppendResult>> AppendWithNextNumberAsync(
        DateOnly localDate, Func<TicketNumber, IReadOnlyList<StreamAppend>> build, CancellationToken ct);
}

/// <summary>
/// Workflow rules (T8) for the command path: the enabled rules, read once per command, and appends that queue the
/// rules' mails in the same transaction as the events.
/// </summary>
public interface ITicketWorkflow
{
    /// <summary>Every enabled rule, in position order.</summary>
    Task<IReadOnlyList<WorkflowRule>> EnabledRulesAsync(CancellationToken ct);

    /// <summary>Like <see cref="IEventStore.AppendAsync(IReadOnlyList{StreamAppend}, CancellationToken)"/>, plus the notices' outbox rows.</summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IReadOnlyList<WorkflowNotice> notices, CancellationToken ct);

    /// <summary>Like <see cref="ITicketNumberAllocator"/>, plus the outbox rows of the notices <paramref name="build"/> returns.</summary>
    Task<IReadOnlyList<AppendResult>> AppendWithNextNumberAsync(
        DateOnly localDate, Func<TicketNumber, (IReadOnlyList<StreamAppend> Appends, IReadOnlyList<WorkflowNotice> Notices)> build, CancellationToken ct);
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
