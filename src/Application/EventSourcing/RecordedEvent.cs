namespace Ticketing.Application.EventSourcing;

/// <summary>
/// A stored event. <paramref name="Sequence"/> is its position in the global log; it is 0 when the event is
/// handed to an inline projection, because the append and the projection run in one round trip.
/// <paramref name="Type"/> is the stable alias the data was read as (after upcasting).
/// </summary>
public sealed record RecordedEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);
