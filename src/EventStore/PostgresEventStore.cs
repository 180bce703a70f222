using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;
using Ticketing.EventStore.Serialization;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore;

/// <summary>
/// <see cref="IEventStore"/> on PostgreSQL. When every expected version is known up front, the appends and
/// the inline projections' statements go out as ONE <see cref="NpgsqlBatch"/> without an explicit
/// transaction: PostgreSQL runs such a batch as one implicit transaction, so a failing statement rolls
/// back all of them. With <see cref="ExpectedVersion.Any"/> the versions are only known after the append,
/// so an explicit transaction with two round trips is used.
/// </summary>
internal sealed partial class PostgresEventStore(
    NpgsqlDataSource dataSource,
    EventTypeRegistry registry,
    InlineProjectionSet inlineProjections,
    ProjectionSignal signal,
    TimeProvider time) : IEventStore, ITransactionalEventStore
{
    private const string LockStreamsSql = "select lock_streams($1)";

    private const string AppendSql = "select append_events($1, $2, $3, $4, $5, $6, $7, $8)";

    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct) =>
        (await AppendAsync([append], ct).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        Validate(appends);
        var recordedAt = ToStoredPrecision(time.GetUtcNow());
        var encoded = appends.Select(a => Encode(a, recordedAt)).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var results = appends.All(a => !a.Expected.IsAny)
                ? await AppendInOneRoundTripAsync(connection, appends, encoded, recordedAt, ct).ConfigureAwait(false)
                : await AppendInTransactionAsync(connection, appends, encoded, recordedAt, ct).ConfigureAwait(false);
            signal.Notify();
            return results;
        }
        catch (PostgresException e) when (AppendConflicts.IsConflict(e))
        {
            throw await AppendConflicts.DescribeAsync(dataSource, appends, ct).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<AppendResult>> AppendInOneRoundTripAsync(
        NpgsqlConnection connection, IReadOnlyList<StreamAppend> appends, NpgsqlBatchCommand[] encoded, DateTimeOffset recordedAt, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        AddLockStreams(batch, appends);
        var versions = appends.Select(a => a.Expected.Value + a.Events.Count).ToArray();
        AddAppendsAndProjections(batch, appends, encoded, versions, recordedAt);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return appends.Select((a, i) => new AppendResult(a.StreamId, versions[i])).ToArray();
    }

    private async Task<IReadOnlyList<AppendResult>> AppendInTransactionAsync(
        NpgsqlConnection connection, IReadOnlyList<StreamAppend> appends, NpgsqlBatchCommand[] encoded, DateTimeOffset recordedAt, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var results = await AppendWithinAsync(connection, tx, appends, encoded, recordedAt, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        Validate(appends);
        var recordedAt = ToStoredPrecision(time.GetUtcNow());
        var encoded = appends.Select(a => Encode(a, recordedAt)).ToArray();
        try
        {
            return await AppendWithinAsync(connection, transaction, appends, encoded, recordedAt, ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (AppendConflicts.IsConflict(e))
        {
            throw await AppendConflicts.DescribeAsync(dataSource, appends, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Call after the caller's transaction committed, so local runners look at the log at once.</summary>
    public void NotifyCommitted() => signal.Notify();

    private async Task<IReadOnlyList<AppendResult>> AppendWithinAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, NpgsqlBatchCommand[] encoded,
        DateTimeOffset recordedAt, CancellationToken ct)
    {
        var versions = new long[appends.Count];
        await using (var batch = new NpgsqlBatch(connection, tx))
        {
            AddLockStreams(batch, appends);
            foreach (var command in encoded)
            {
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (appends.Count > 1)
            {
                await reader.NextResultAsync(ct).ConfigureAwait(false);
            }

            for (var i = 0; i < versions.Length; i++, await reader.NextResultAsync(ct).ConfigureAwait(false))
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                versions[i] = reader.GetInt64(0);
            }
        }

        if (inlineProjections.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, tx);
            AddAppendsAndProjections(batch, appends, encoded: null, versions, recordedAt);
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        return appends.Select((a, i) => new AppendResult(a.StreamId, versions[i])).ToArray();
    }

    // Every stream is locked before the first write gives the transaction its id (see lock_streams).
    private static void AddLockStreams(NpgsqlBatch batch, IReadOnlyList<StreamAppend> appends)
    {
        if (appends.Count > 1)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LockStreamsSql)
            {
                Parameters = { Param(appends.Select(a => a.StreamId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid) },
            });
        }
    }

    private void AddAppendsAndProjections(
        NpgsqlBatch batch, IReadOnlyList<StreamAppend> appends, NpgsqlBatchCommand[]? encoded, long[] newVersions, DateTimeOffset recordedAt)
    {
        for (var i = 0; i < appends.Count; i++)
        {
            if (encoded is not null)
            {
                batch.BatchCommands.Add(encoded[i]);
            }

            var append = appends[i];
            var firstVersion = newVersions[i] - append.Events.Count + 1;
            for (var j = 0; j < append.Events.Count; j++)
            {
                var pending = append.Events[j];
                var recorded = new RecordedEvent(
                    0, pending.EventId, append.StreamId, firstVersion + j, registry.AliasOf(pending.Data), pending.Data, pending.Metadata, recordedAt);
                inlineProjections.Apply(recorded, batch);
            }
        }
    }

    private NpgsqlBatchCommand Encode(StreamAppend append, DateTimeOffset recordedAt)
    {
        var serialized = append.Events.Select(e => registry.Serialize(e.Data)).ToArray();
        return new NpgsqlBatchCommand(AppendSql)
        {
            Parameters =
            {
                Param(append.StreamId, NpgsqlDbType.Uuid),
                Param(append.StreamType, NpgsqlDbType.Text),
                Param(append.Expected.IsAny ? -1L : append.Expected.Value, NpgsqlDbType.Bigint),
                Param(append.Events.Select(e => e.EventId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                Param(serialized.Select(s => s.Alias).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                Param(serialized.Select(s => s.Json).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb),
                Param(append.Events.Select(e => EncodeMetadata(e.Metadata)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb),
                Param(recordedAt, NpgsqlDbType.TimestampTz),
            },
        };
    }

    private static void Validate(IReadOnlyList<StreamAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0 || appends.Any(a => a.Events.Count == 0))
        {
            throw new ArgumentException("Every append needs at least one event.", nameof(appends));
        }

        if (appends.Select(a => a.StreamId).Distinct().Count() != appends.Count)
        {
            throw new ArgumentException("A stream can appear only once in an atomic append.", nameof(appends));
        }
    }
}
