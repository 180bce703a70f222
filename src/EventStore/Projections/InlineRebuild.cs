using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Serialization;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// Rebuilds an inline projection in ONE transaction that holds <see cref="AppendLock"/> exclusively: appends wait
/// (they block on the shared lock) until it commits, readers of the projection's tables wait on the TRUNCATE's
/// lock, and a failure (a poison event included) rolls back to the old read model. Because no append can be in
/// flight, every event is committed and the log is replayed by plain sequence order; that also lets a second
/// connection read (and deserialise) the next batch while the current one is written.
/// </summary>
internal sealed class InlineRebuild(NpgsqlDataSource dataSource, EventTypeRegistry registry)
{
    private const string ReadSql = $"select {Columns} from events e where e.seq > $1 order by e.seq limit $2";

    // Non-unique indexes that back no constraint: unique ones stay, as a replay's ON CONFLICT may infer them.
    private const string SecondaryIndexesSql = """
        select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        from pg_index i
        where i.indrelid = any($1::text[]::regclass[]) and not i.indisunique
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        """;

    /// <summary>
    /// Replays the log into <paramref name="projection"/>'s truncated tables. Their secondary indexes are dropped for the
    /// replay and built again before the commit (a sorted build beats thousands of index insertions, the trigram GIN
    /// index most of all); inside the transaction nobody sees the tables without them.
    /// </summary>
    public async Task<long> RunAsync(IProjection projection, string truncateSql, int batchSize, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var prepare = new NpgsqlBatch(connection, tx) { Timeout = 0 })
        {
            // Waits for in-flight appends, and for readers of the tables (TRUNCATE).
            prepare.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_advisory_xact_lock({AppendLock.Key})"));
            prepare.BatchCommands.Add(new NpgsqlBatchCommand(truncateSql));
            if (projection is IBatchProjection)
            {
                // A generic plan would guess the unnest arrays' length; each batch statement is worth planning for its rows.
                prepare.BatchCommands.Add(new NpgsqlBatchCommand("set local plan_cache_mode = force_custom_plan"));

                // The truncated tables grow during the replay while their statistics still say "empty": a patch would
                // join by a full scan (hash join) per batch, quadratic in the log; probing the primary key stays linear.
                prepare.BatchCommands.Add(new NpgsqlBatchCommand("set local enable_seqscan = off"));
            }

            await prepare.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var indexes = await DropSecondaryIndexesAsync(connection, tx, projection.Tables, ct).ConfigureAwait(false);

        await using var reader = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        long replayed = 0;
        var next = ReadAsync(reader, 0, batchSize, ct);
        while (true)
        {
            var events = await next.ConfigureAwait(false);
            if (events.Count == 0)
            {
                break;
            }

            next = events.Count < batchSize ? Task.FromResult(new List<RecordedEvent>()) : ReadAsync(reader, events[^1].Sequence, batchSize, ct);
            await using (var batch = new NpgsqlBatch(connection, tx) { Timeout = 0 })
            {
                ProjectionBatches.Apply(projection, events, batch);
                if (batch.BatchCommands.Count > 0)
                {
                    await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }

            replayed += events.Count;
        }

        await using (var build = new NpgsqlBatch(connection, tx) { Timeout = 0 })
        {
            build.BatchCommands.Add(new NpgsqlBatchCommand("set local maintenance_work_mem = '256MB'"));
            foreach (var (_, definition) in indexes)
            {
                build.BatchCommands.Add(new NpgsqlBatchCommand(definition));
            }

            await build.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return replayed;
    }

    private static async Task<List<(string Name, string Definition)>> DropSecondaryIndexesAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var find = new NpgsqlCommand(SecondaryIndexesSql, connection, tx))
        {
            find.Parameters.Add(Param(tables.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
            await using var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (indexes.Count > 0)
        {
            await using var drop = new NpgsqlCommand($"drop index {string.Join(", ", indexes.Select(i => i.Name))}", connection, tx);
            await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return indexes;
    }

    private async Task<List<RecordedEvent>> ReadAsync(NpgsqlConnection connection, long after, int limit, CancellationToken ct)
    {
        await Task.Yield(); // decode on the thread pool while the caller writes the previous batch
        var events = new List<RecordedEvent>(limit);
        await using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.Add(Param(after, NpgsqlDbType.Bigint));
        command.Parameters.Add(Param(limit, NpgsqlDbType.Integer));
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(Decode(rows, registry));
        }

        return events;
    }
}
