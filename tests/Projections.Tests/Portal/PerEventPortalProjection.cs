using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;
using Ticketing.Projections.Portal;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// The portal projection without its batch path (it is no <see cref="IBatchProjection"/>), so a rebuild through it runs
/// one statement per event: the reference the batch path is compared and timed against.
/// </summary>
public sealed class PerEventPortalProjection : IProjection
{
    private readonly PortalTicketProjection projection = new();

    public string Name => projection.Name;

    public IReadOnlyList<string> Tables => projection.Tables;

    public void Apply(RecordedEvent @event, NpgsqlBatch batch) => projection.Apply(@event, batch);
}
