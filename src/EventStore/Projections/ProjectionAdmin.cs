using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>Status and rebuild of the async projections, for the CLI (<c>projections list|rebuild NAME</c>) and ops endpoints.</summary>
public sealed partial class ProjectionAdmin
{
    private const string StatusSql = $"""
        select p.tx_id, p.seq, c.updated_at,
            (select count(*) from events e where (e.tx_id, e.seq) > (p.tx_id, p.seq)),
            (select min(e.recorded_at) from events e where (e.tx_id, e.seq) > (p.tx_id, p.seq)),
            (select count(*) from projection_dead_letters d where d.projection = n.name),
            (select l.pid from pg_locks l
             where l.locktype = 'advisory' and l.granted and l.objsubid = 1
               and l.database = (select oid from pg_database where datname = current_database())
               and ((l.classid::bigint << 32) | l.objid::bigint) = {ProjectionLock.KeySql}
             limit 1)
        from (select $1::text as name) n
        left join projection_checkpoints c on c.name = n.name
        cross join lateral (select coalesce(c.tx_id, '0'::xid8) as tx_id, coalesce(c.seq, 0) as seq) p
        """;

    // TRUNCATE first: it waits for a runner's open batch, and taking the checkpoint row first could deadlock with it.
    private const string ResetCheckpointSql = """
        insert into projection_checkpoints (name) values ($1)
        on conflict (name) do update set tx_id = '0', seq = 0, updated_at = now()
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly AsyncProjectionSet projections;
    private readonly ProjectionProcessor processor;
    private readonly ProjectionRunners runners;
    private readonly EventStoreOptions options;
    private readonly TimeProvider time;

    internal ProjectionAdmin(
        NpgsqlDataSource dataSource, AsyncProjectionSet projections, ProjectionProcessor processor,
        ProjectionRunners runners, EventStoreOptions options, TimeProvider time)
    {
        this.dataSource = dataSource;
        this.projections = projections;
        this.processor = processor;
        this.runners = runners;
        this.options = options;
        this.time = time;
    }

    /// <summary>Status of every async projection.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> ListAsync(CancellationToken ct = default)
    {
        var statuses = new List<ProjectionStatus>();
        foreach (var projection in projections.All)
        {
            statuses.Add(await GetStatusAsync(projection.Name, ct).ConfigureAwait(false));
        }

        return statuses;
    }

    /// <summary>Checkpoint, lag, lock holder and dead-letter count of one async projection.</summary>
    public async Task<ProjectionStatus> GetStatusAsync(string name, CancellationToken ct = default)
    {
        projections.Get(name);
        await using var command = dataSource.CreateCommand(StatusSql);
        command.Parameters.Add(Param(name, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var oldest = reader.IsDBNull(4) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(4);
        return new ProjectionStatus(
            name,
            new ProjectionCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            Lag: reader.GetInt64(3),
            OldestUnprocessedAge: oldest is { } at ? time.GetUtcNow() - at : null,
            HeldByThisNode: runners.HoldsLock(name),
            LockHolderPid: reader.IsDBNull(6) ? null : reader.GetInt32(6),
            DeadLetters: reader.GetInt64(5));
    }

    /// <summary>
    /// Rebuilds a projection from the whole log: truncates its tables, clears its dead letters and resets its
    /// checkpoint in one transaction, then replays in batches of <see cref="EventStoreOptions.RebuildBatchSize"/>
    /// under the projection's advisory lock, leaving the checkpoint where the live runner continues. When a
    /// runner (here or on another node) holds the lock, that runner does the replay: the reset makes its
    /// guarded checkpoint update fail, so it reloads the checkpoint and starts over from the beginning.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(string name, CancellationToken ct = default)
    {
        var projection = projections.Get(name);
        await using var held = await ProjectionLock.TryAcquireAsync(dataSource, name, ct).ConfigureAwait(false);
        await ResetAsync(projection, ct).ConfigureAwait(false);
        if (held is null)
        {
            return new RebuildResult(name, ReplayedHere: false, EventsReplayed: 0);
        }

        var checkpoint = ProjectionCheckpoint.Start;
        long replayed = 0;
        int count;
        do
        {
            (checkpoint, count) = await processor.ProcessNextBatchAsync(projection, checkpoint, options.RebuildBatchSize, ct).ConfigureAwait(false);
            replayed += count;
        }
        while (count == options.RebuildBatchSize);

        return new RebuildResult(name, ReplayedHere: true, replayed);
    }

    private async Task ResetAsync(IProjection projection, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, tx);
        if (projection.Tables.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"truncate {string.Join(", ", projection.Tables.Select(Identifier))}"));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from projection_dead_letters where projection = $1")
        {
            Parameters = { Param(projection.Name, NpgsqlDbType.Text) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ResetCheckpointSql) { Parameters = { Param(projection.Name, NpgsqlDbType.Text) } });
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    // Table names come from code, not users; still refuse anything that is not a plain (schema.)name.
    private static string Identifier(string table) =>
        TableName().IsMatch(table) ? table : throw new InvalidOperationException($"'{table}' is not a plain table name.");

    [GeneratedRegex("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?$")]
    private static partial Regex TableName();
}
