namespace Ticketing.Application.EventSourcing;

/// <summary>
/// Who caused an event and in which flow, kept for auditors (T11). <paramref name="CausationId"/> is the id of the
/// event that triggered this one (a workflow rule's events name the command's event), so follow-up events can be
/// traced back to their origin. Stored in Marten's correlation and causation columns and its headers.
/// </summary>
public sealed record EventMetadata(
    Guid? ActorId,
    string? ActorName,
    string? ActorRole,
    Guid CorrelationId,
    Guid? CausationId);
