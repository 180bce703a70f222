using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Serialization;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// Reads the log for async projections in commit-safe order. Only events of transactions older than every
/// running transaction are read (<c>tx_id &lt; pg_snapshot_xmin(pg_current_snapshot())</c>), ordered by
/// (tx_id, seq), with the cursor (tx_id, seq) &gt; checkpoint: a transaction that commits late has a tx_id
/// above every event already read, so it is waited for and never skipped, and no gap is ever skipped on a
/// timeout. A long-open transaction anywhere in the cluster therefore delays every projection until it
/// ends; it never makes one lose an event.
/// </summary>
internal static class ProjectionLog
{
    private const string ReadSql = $"""
        select {Columns} from events e
        where (e.tx_id, e.seq) > ($1, $2) and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        order by e.tx_id, e.seq
        limit $3
        """;

    private const string LoadSql = """
        with created as (insert into projection_checkpoints (name) values ($1) on conflict (name) do nothing returning tx_id, seq)
        select tx_id, seq from created
        union all
        select tx_id, seq from projection_checkpoints where name = $1
        """;

    private const string CheckpointSql = "select tx_id, seq from projection_checkpoints where name = $1";

    /// <summary>The stored checkpoint, created at the start of the log the first time.</summary>
    public static async Task<ProjectionCheckpoint> LoadCheckpointAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        command.Parameters.Add(Param(name, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return new ProjectionCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }

    /// <summary>Up to <paramref name="batchSize"/> events after <paramref name="from"/>; undecodable ones carry their error.</summary>
    /// <exception cref="CheckpointMovedException">The stored checkpoint is no longer <paramref name="from"/>.</exception>
    public static async Task<List<LoggedEvent>> ReadAsync(
        NpgsqlConnection connection, EventTypeRegistry registry, IProjection projection, ProjectionCheckpoint from, int batchSize, CancellationToken ct)
    {
        // The stored checkpoint comes along in the same round trip: an idle runner must notice a rebuild's reset.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(CheckpointSql) { Parameters = { Param(projection.Name, NpgsqlDbType.Text) } },
                new NpgsqlBatchCommand(ReadSql)
                {
                    Parameters =
                    {
                        Param(from.TxId, NpgsqlDbType.Xid8), Param(from.Seq, NpgsqlDbType.Bigint), Param(batchSize, NpgsqlDbType.Integer),
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)
            || new ProjectionCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) != from)
        {
            throw new CheckpointMovedException(projection.Name);
        }

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var events = new List<LoggedEvent>(batchSize);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var position = new ProjectionCheckpoint(reader.GetFieldValue<ulong>(TxIdOrdinal), reader.GetInt64(0));
            try
            {
                events.Add(new LoggedEvent(position, reader.GetGuid(1), Decode(reader, registry), null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                events.Add(new LoggedEvent(position, reader.GetGuid(1), null, e));
            }
        }

        return events;
    }
}

/// <summary>An event read for a projection, with its commit-safe position.</summary>
internal sealed record LoggedEvent(ProjectionCheckpoint Position, Guid EventId, RecordedEvent? Event, Exception? DecodeError);

/// <summary>The guarded checkpoint update found another value: another runner (or a rebuild) moved it.</summary>
internal sealed class CheckpointMovedException(string projection)
    : Exception($"The checkpoint of projection '{projection}' was moved by someone else.");
