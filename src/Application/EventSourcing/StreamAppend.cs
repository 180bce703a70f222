namespace Ticketing.Application.EventSourcing;

/// <summary>Events to append to one stream, guarded by the version the decision was made on.</summary>
public sealed record StreamAppend(Guid StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<PendingEvent> Events);

/// <summary>The stream's version after a successful append (the version of its last event).</summary>
public sealed record AppendResult(Guid StreamId, long NewVersion);

/// <summary>
/// The events of one stream in version order. <paramref name="StreamType"/> is null and
/// <paramref name="Version"/> 0 when the stream does not exist; <paramref name="Version"/> is the version of
/// the last event returned, so a read up to a version or an instant gives the version at that point.
/// </summary>
public sealed record StreamEvents(Guid StreamId, string? StreamType, long Version, IReadOnlyList<RecordedEvent> Events)
{
    public bool Exists => Version > 0;
}
