using Npgsql;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// A projection that can also apply many events with a few set-based statements (fold in memory, then write
/// with <c>unnest</c> arrays), instead of one statement per event. Rebuilds and async catch-up use it; an
/// append still calls <see cref="IProjection.Apply"/> for its own few events.
/// </summary>
/// <remarks>
/// The statements must leave the read model exactly as calling <see cref="IProjection.Apply"/> on each event in
/// turn would, from any starting state (so version guards stay, and a replayed prefix changes nothing). Events
/// arrive in log order, which keeps each stream in version order.
/// </remarks>
public interface IBatchProjection : IProjection
{
    void ApplyBatch(IReadOnlyList<RecordedEvent> events, NpgsqlBatch batch);
}

/// <summary>Applies a list of events through the batch path when the projection has one.</summary>
public static class ProjectionBatches
{
    public static void Apply(IProjection projection, IReadOnlyList<RecordedEvent> events, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(events);
        if (projection is IBatchProjection set && events.Count > 1)
        {
            set.ApplyBatch(events, batch);
            return;
        }

        foreach (var e in events)
        {
            projection.Apply(e, batch);
        }
    }
}
