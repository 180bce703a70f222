using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// Status of the async projections and rebuild of any projection, for the CLI (<c>projections list|rebuild NAME</c>)
/// and ops endpoints. Inline projections are rebuilt by <see cref="InlineRebuild"/> under the append lock.
/// </summary>
public sealed partial class ProjectionAdmin
{
    // TRUNCATE first: it waits for a runner's open batch, and taking the checkpoint row first could deadlock with it.
    private const string ResetCheckpointSql = """
        insert into projection_checkpoints (name) values ($1)
        on conflict (name) do update set tx_id = '0', seq = 0, updated_at = now()
        """;

    private const string LogEndSql = "select coalesce(max(seq), 0) from events";

    private const string RemainingSql = "select count(*) from events e where e.seq <= $3 and (e.tx_id, e.seq) > ($1, $2)";

    private readonly NpgsqlDataSource dataSource;
    private readonly AsyncProjectionSet projections;
    private readonly InlineProjectionSet inline;
    private readonly InlineRebuild inlineRebuild;
    private readonly ProjectionProcessor processor;
    private readonly ProjectionRunners runners;
    private readonly EventStoreOptions options;
    private readonly TimeProvider time;

    internal ProjectionAdmin(
        NpgsqlDataSource dataSource, AsyncProjectionSet projections, InlineProjectionSet inline, InlineRebuild inlineRebuild,
        ProjectionProcessor processor, ProjectionRunners runners, EventStoreOptions options, TimeProvider time)
    {
        this.dataSource = dataSource;
        this.projections = projections;
        this.inline = inline;
        this.inlineRebuild = inlineRebuild;
        this.processor = processor;
        this.runners = runners;
        this.options = options;
        this.time = time;
    }

    /// <summary>
    /// Rebuilds a projection from the whole log. An inline projection is truncated and replayed in one transaction
    /// holding the append lock (appends wait meanwhile; see <see cref="InlineRebuild"/>). An async one has its tables,
    /// dead letters and checkpoint reset in one transaction; if this call gets its runner lock it replays in batches
    /// of <see cref="EventStoreOptions.RebuildBatchSize"/> until every event up to the log's end as of the start is
    /// applied, waiting up to <paramref name="catchUpTimeout"/> (default <see cref="EventStoreOptions.RebuildCatchUpTimeout"/>)
    /// for transactions that are still open and hold it back. Otherwise the lock holder (this or another node) notices
    /// the reset (its guarded checkpoint update fails) and replays from the start.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(string name, CancellationToken ct = default, TimeSpan? catchUpTimeout = null)
    {
        if (inline.Find(name) is { } inlineProjection)
        {
            var count = await inlineRebuild.RunAsync(inlineProjection, TruncateSql(inlineProjection), options.RebuildBatchSize, ct).ConfigureAwait(false);
            return new RebuildResult(name, ReplayedHere: true, count) { Inline = true };
        }

        var projection = projections.Get(name);
        await using var held = await ProjectionLock.TryAcquireAsync(dataSource, name, ct).ConfigureAwait(false);
        await ResetAsync(projection, ct).ConfigureAwait(false);
        if (held is null)
        {
            return new RebuildResult(name, ReplayedHere: false, EventsReplayed: 0);
        }

        var deadline = time.GetUtcNow() + (catchUpTimeout ?? options.RebuildCatchUpTimeout);
        long target;
        await using (var end = dataSource.CreateCommand(LogEndSql))
        {
            target = (long)(await end.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }

        var checkpoint = ProjectionCheckpoint.Start;
        long replayed = 0, remaining;
        while (true)
        {
            int count;
            do
            {
                (checkpoint, count) = await processor.ProcessNextBatchAsync(projection, checkpoint, options.RebuildBatchSize, ct).ConfigureAwait(false);
                replayed += count;
            }
            while (count == options.RebuildBatchSize);

            remaining = await RemainingAsync(checkpoint, target, ct).ConfigureAwait(false);
            if (remaining == 0 || time.GetUtcNow() >= deadline)
            {
                break;
            }

            // Events below the target that an older, still-open transaction holds back (see ProjectionLog).
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
        }

        return new RebuildResult(name, ReplayedHere: true, replayed) { NotYetReplayed = remaining };
    }

    /// <summary>Committed events with seq up to <paramref name="target"/> that the checkpoint has not passed yet.</summary>
    private async Task<long> RemainingAsync(ProjectionCheckpoint checkpoint, long target, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(RemainingSql);
        command.Parameters.Add(Param(checkpoint.TxId, NpgsqlDbType.Xid8));
        command.Parameters.Add(Param(checkpoint.Seq, NpgsqlDbType.Bigint));
        command.Parameters.Add(Param(target, NpgsqlDbType.Bigint));
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async Task ResetAsync(IProjection projection, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, tx);
        if (projection.Tables.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(TruncateSql(projection)));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from projection_dead_letters where projection = $1")
        {
            Parameters = { Param(projection.Name, NpgsqlDbType.Text) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ResetCheckpointSql) { Parameters = { Param(projection.Name, NpgsqlDbType.Text) } });
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static string TruncateSql(IProjection projection) =>
        projection.Tables.Count == 0 ? "select 1" : $"truncate {string.Join(", ", projection.Tables.Select(Identifier))}";

    // Table names come from code, not users; still refuse anything that is not a plain (schema.)name.
    private static string Identifier(string table) =>
        TableName().IsMatch(table) ? table : throw new InvalidOperationException($"'{table}' is not a plain table name.");

    [GeneratedRegex("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?$")]
    private static partial Regex TableName();
}
