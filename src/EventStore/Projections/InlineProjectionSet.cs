using Npgsql;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Projections;

/// <summary>The projections run inside every append's transaction.</summary>
internal sealed class InlineProjectionSet(IReadOnlyList<IProjection> projections)
{
    public int Count => projections.Count;

    public IReadOnlyList<IProjection> All => projections;

    public IProjection? Find(string name) => projections.FirstOrDefault(p => p.Name == name);

    public void Apply(RecordedEvent @event, NpgsqlBatch batch)
    {
        foreach (var projection in projections)
        {
            projection.Apply(@event, batch);
        }
    }
}

/// <summary>The projections followed in the background, by name.</summary>
internal sealed class AsyncProjectionSet(IReadOnlyList<IProjection> projections)
{
    public IReadOnlyList<IProjection> All => projections;

    public IProjection Get(string name) =>
        projections.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"No projection is named '{name}'.", nameof(name));
}
