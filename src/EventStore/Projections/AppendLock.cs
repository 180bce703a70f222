namespace Ticketing.EventStore.Projections;

/// <summary>
/// The advisory key every append holds shared until commit (see <c>lock_streams</c> in migration 0002). Holding it
/// exclusive guarantees that no append is in flight: every event in the log is committed and no inline projection
/// write can interleave, so an inline read model can be truncated and replayed by sequence safely.
/// </summary>
public static class AppendLock
{
    public const long Key = 7_361_205_118_442_010;
}
