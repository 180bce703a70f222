namespace Ticketing.EventStore.Projections;

/// <summary>
/// Where an async projection stands. <paramref name="Lag"/> counts committed events after the checkpoint and
/// <paramref name="OldestUnprocessedAge"/> is the age of the oldest of them (null when caught up); events of a
/// transaction still open elsewhere are not counted yet. <paramref name="LockHolderPid"/> is the backend of
/// whichever node runs it, <paramref name="HeldByThisNode"/> whether that is this process.
/// </summary>
public sealed record ProjectionStatus(
    string Name,
    ProjectionCheckpoint Checkpoint,
    DateTimeOffset? CheckpointUpdatedAt,
    long Lag,
    TimeSpan? OldestUnprocessedAge,
    bool HeldByThisNode,
    int? LockHolderPid,
    long DeadLetters);

/// <summary>Outcome of <see cref="ProjectionAdmin.RebuildAsync"/>.</summary>
/// <param name="Name">The projection.</param>
/// <param name="ReplayedHere">
/// True when this call held the lock and replayed the log itself; false when another runner holds the lock:
/// the tables and checkpoint were reset and that runner is replaying (watch <see cref="ProjectionAdmin.ListAsync"/>).
/// </param>
/// <param name="EventsReplayed">Events replayed by this call.</param>
public sealed record RebuildResult(string Name, bool ReplayedHere, long EventsReplayed)
{
    /// <summary>An inline projection: rebuilt in one transaction under the append lock, so the replay is complete.</summary>
    public bool Inline { get; init; }

    /// <summary>
    /// Async projections: committed events up to the log's end as of the start that the replay had not reached when
    /// the call gave up waiting (an older transaction elsewhere was still open). 0 means complete; otherwise the live
    /// runner continues from the checkpoint once that transaction ends.
    /// </summary>
    public long NotYetReplayed { get; init; }
}
