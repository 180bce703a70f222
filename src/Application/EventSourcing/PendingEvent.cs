namespace Ticketing.Application.EventSourcing;

/// <summary>
/// An event decided by a command but not yet stored. Create <paramref name="EventId"/> with
/// <see cref="Guid.CreateVersion7()"/>; a follow-up event uses the triggering event's id as its causation id.
/// </summary>
public sealed record PendingEvent(Guid EventId, object Data, EventMetadata Metadata)
{
    public static PendingEvent Create(object data, EventMetadata metadata) => new(Guid.CreateVersion7(), data, metadata);
}
