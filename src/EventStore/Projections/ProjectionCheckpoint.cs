namespace Ticketing.EventStore.Projections;

/// <summary>
/// Position of an async projection in commit-safe order: the last applied event's writing transaction id
/// (<c>xid8</c>) and sequence. (0, 0) is before the first event.
/// </summary>
public readonly record struct ProjectionCheckpoint(ulong TxId, long Seq)
{
    public static ProjectionCheckpoint Start { get; } = new(0, 0);
}
