using Ticketing.Application.Privacy;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets;

/// <summary>The MSP's ticket configuration that decisions depend on (statuses, reopen policy, time zone, workflow rules).</summary>
public interface ITicketSettings
{
    ValueTask<TicketPolicies> PoliciesAsync(CancellationToken ct);

    /// <summary>
    /// Everything a ticket command reads before it decides, in one round trip; for a contact's command also that
    /// contact's key, which seals what they write (ADR 0027).
    /// </summary>
    Task<TicketCommandInputs> CommandInputsAsync(Actor actor, CancellationToken ct);
}

/// <summary>
/// What a ticket command decides with besides the ticket: the policies, the MSP's time zone (T2) and the enabled
/// workflow rules (T8) in position order with the users their "set assignee" actions may still assign, all read together
/// so they are one consistent moment of the settings.
/// </summary>
public sealed record TicketCommandInputs(
    TicketPolicies Policies, TimeZoneInfo MspTimeZone, IReadOnlyList<WorkflowRule> Rules, RuleAssignees Assignees, PersonalDataSeal? Seal = null)
{
    /// <summary>The events as they are stored and queued: a contact's text sealed (ADR 0027).</summary>
    public IReadOnlyList<PendingEvent> Sealed(IReadOnlyList<PendingEvent> events) => Seal is null ? events : Seal.Apply(events);
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
