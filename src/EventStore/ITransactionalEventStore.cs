using Npgsql;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore;

/// <summary>
/// Appends inside a transaction the caller owns, for writes that must commit or fail together with the events
/// (a gap-free counter, an outbox row). Same checks and inline projections as <see cref="IEventStore"/>; the
/// caller commits, then calls <see cref="NotifyCommitted"/> so this node's async runners look at once.
/// </summary>
public interface ITransactionalEventStore
{
    Task<IReadOnlyList<AppendResult>> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct);

    void NotifyCommitted();
}
