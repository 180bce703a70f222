using JasperFx.Events;
using Marten;
using Npgsql;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Portal;

/// <summary>
/// The portal's read models as they stood at an instant (ADR 0026), for the auditor's visibility replay: one
/// transaction holds temporary copies of <c>portal_tickets</c>, <c>ticket_details</c> and <c>ticket_timeline</c>, which
/// shadow the live tables on its connection; the streams asked for are replayed into them up to the instant by the
/// read models' own projections, and <see cref="Queries"/> runs the portal's own queries on them. Nothing is written
/// to the live tables: the transaction is rolled back and the copies dropped when the replay is disposed.
/// </summary>
public sealed class PortalReplay : IAsyncDisposable
{
    /// <summary>The read models the portal reads, and their tables.</summary>
    private static readonly SqlProjection[] ReadModels = [new PortalTicketProjection(), new Tickets.Details.TicketDetailProjection()];

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly IDocumentStore store;

    private PortalReplay(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentStore store, DateTimeOffset at, PortalTicketQueries live)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.store = store;
        At = at;
        Queries = live.On(connection, transaction);
    }

    public DateTimeOffset At { get; }

    /// <summary>The portal's queries, reading the replayed copies.</summary>
    public PortalTicketQueries Queries { get; }

    /// <summary>The replay's connection (in its transaction), for reads that must see the same moment.</summary>
    public NpgsqlConnection Connection => connection;

    /// <summary>A replay at <paramref name="at"/> whose queries are <paramref name="live"/>'s, on the copies.</summary>
    public static async Task<PortalReplay> OpenAsync(
        NpgsqlDataSource dataSource, IDocumentStore store, PortalTicketQueries live, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(live);
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var table in ReadModels.SelectMany(r => r.Tables))
            {
                // Keys come along (the projections' "on conflict" inserts need them); foreign keys do not.
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"create temp table {table} (like public.{table} including all) on commit drop"));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("set local search_path to pg_temp, public"));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new PortalReplay(connection, transaction, store, at, live);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The MSP-side tickets of a customer created up to the instant, newest first, after <paramref name="after"/> (or
    /// else after the list's own <paramref name="listCursor"/>): the tickets a replayed list page may hold. A ticket
    /// never changes customer, and its creation time never changes.
    /// </summary>
    /// <exception cref="InvalidPortalCursorException">The list cursor is not one the portal issued.</exception>
    public async Task<IReadOnlyList<ReplayCandidate>> CandidatesAsync(
        Guid customerId, string? listCursor, ReplayCandidate? after, int count, CancellationToken ct)
    {
        if (after is null && listCursor is not null)
        {
            var cursor = PortalCursor.Decode(listCursor);
            after = new ReplayCandidate(cursor.CreatedAt, cursor.Id);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var keyset = after is null ? "" : "and (created_at, id) < ($3, $4)";
        var command = Command($"""
            select created_at, id from public.portal_tickets
            where customer_id = $1 and created_at <= $2 {keyset}
            order by created_at desc, id desc
            limit {count}
            """, P(customerId), P(At));
        if (after is not null)
        {
            command.Parameters.Add(P(after.Value.CreatedAt));
            command.Parameters.Add(P(after.Value.Id));
        }

        batch.BatchCommands.Add(command);
        var candidates = new List<ReplayCandidate>(count);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            candidates.Add(new ReplayCandidate(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1)));
        }

        return candidates;
    }

    /// <summary>Replays the events of <paramref name="streams"/> recorded up to the instant into the copies.</summary>
    public async Task ReplayAsync(IReadOnlyCollection<Guid> streams, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Count == 0)
        {
            return;
        }

        var ids = streams.ToArray();
        IReadOnlyList<IEvent> events;
        await using (var session = store.QuerySession())
        {
            events = await session.Events.QueryAllRawEvents()
                .Where(e => ids.Contains(e.StreamId) && e.Timestamp <= At)
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct).ConfigureAwait(false);
        }

        var commands = new List<NpgsqlBatchCommand>(events.Count * 3);
        foreach (var e in events)
        {
            foreach (var readModel in ReadModels)
            {
                readModel.Apply(e, commands);
            }
        }

        foreach (var chunk in commands.Chunk(1_000))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in chunk)
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A ticket a replayed list may hold, by its list key.</summary>
public readonly record struct ReplayCandidate(DateTimeOffset CreatedAt, Guid Id);
