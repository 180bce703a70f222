namespace Ticketing.Application.EventSourcing;

/// <summary>
/// The stream was not at the expected version: someone else appended (or created it) first. The caller
/// reloads and decides again, or reports 409/412. <see cref="Actual"/> is null when it is not known.
/// </summary>
public sealed class ConcurrencyException(Guid streamId, ExpectedVersion expected, long? actual)
    : Exception($"Stream {streamId} was expected at {expected} but is at {(actual is { } a ? $"version {a}" : "an unknown version")}.")
{
    public Guid StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    public long? Actual { get; } = actual;
}
