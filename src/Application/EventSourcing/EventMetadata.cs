namespace Ticketing.Application.EventSourcing;

/// <summary>
/// Who caused an event and in which flow. <paramref name="CausationId"/> is the id of the event (or
/// command) that triggered this one, so follow-up events can be traced back to their origin.
/// </summary>
public sealed record EventMetadata(
    Guid? ActorId,
    string? ActorName,
    string? ActorRole,
    Guid CorrelationId,
    Guid? CausationId);
