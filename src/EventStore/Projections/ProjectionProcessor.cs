using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Ticketing.EventStore.Serialization;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// Applies the next batch of the log (see <see cref="ProjectionLog"/> for which events and in which order)
/// to one async projection: its writes and its new checkpoint commit in one transaction, the checkpoint
/// update guarded by the old value so two processes can never both apply an event. A batch that fails
/// non-transiently is re-applied event by event; the event that still fails goes to the dead letters.
/// </summary>
internal sealed partial class ProjectionProcessor(NpgsqlDataSource dataSource, EventTypeRegistry registry, ILogger<ProjectionProcessor> logger)
{
    private const string AdvanceSql =
        "update projection_checkpoints set tx_id = $1, seq = $2, updated_at = now() where name = $3 and tx_id = $4 and seq = $5";

    private const string DeadLetterSql =
        "insert into projection_dead_letters (projection, seq, tx_id, event_id, error) values ($1, $2, $3, $4, $5)";

    public Task<ProjectionCheckpoint> LoadCheckpointAsync(string name, CancellationToken ct) => ProjectionLog.LoadCheckpointAsync(dataSource, name, ct);

    /// <summary>Applies up to <paramref name="batchSize"/> events after <paramref name="from"/>; returns the new checkpoint and the count.</summary>
    /// <exception cref="CheckpointMovedException">Another runner moved the checkpoint: reload it.</exception>
    public async Task<(ProjectionCheckpoint Checkpoint, int Count)> ProcessNextBatchAsync(
        IProjection projection, ProjectionCheckpoint from, int batchSize, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var events = await ProjectionLog.ReadAsync(connection, registry, projection, from, batchSize, ct).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return (from, 0);
        }

        if (events.TrueForAll(e => e.DecodeError is null))
        {
            try
            {
                var to = events[^1].Position;
                await CommitAsync(connection, projection, events, from, to, deadLetter: null, ct).ConfigureAwait(false);
                return (to, events.Count);
            }
            catch (Exception e) when (IsPoisonCandidate(e))
            {
                LogBatchFailed(logger, e, projection.Name, events.Count);
            }
        }

        // Re-apply one event at a time: the one that still fails is the poison, the others are kept.
        var at = from;
        foreach (var logged in events)
        {
            var error = logged.DecodeError;
            if (error is null)
            {
                try
                {
                    await CommitAsync(connection, projection, [logged], at, logged.Position, deadLetter: null, ct).ConfigureAwait(false);
                    at = logged.Position;
                    continue;
                }
                catch (Exception e) when (IsPoisonCandidate(e))
                {
                    error = e;
                }
            }

            LogDeadLetter(logger, error, projection.Name, logged.Position.Seq, logged.EventId);
            await CommitAsync(connection, projection, [], at, logged.Position, (logged, error), ct).ConfigureAwait(false);
            at = logged.Position;
        }

        return (at, events.Count);
    }

    /// <summary>
    /// Errors worth retrying as they are (connection loss, a server shutting down or restarting, deadlock, serialisation
    /// failure): never a reason to dead-letter an event.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is NpgsqlException { IsTransient: true } or TimeoutException || DatabaseFailures.IsUnavailable(e);

    private static bool IsPoisonCandidate(Exception e) => !IsTransient(e) && e is not (CheckpointMovedException or OperationCanceledException);

    private static async Task CommitAsync(
        NpgsqlConnection connection, IProjection projection, IReadOnlyList<LoggedEvent> events,
        ProjectionCheckpoint from, ProjectionCheckpoint to, (LoggedEvent Event, Exception Error)? deadLetter, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, tx);
        ProjectionBatches.Apply(projection, [.. events.Select(e => e.Event!)], batch);

        if (deadLetter is var (poison, error))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeadLetterSql)
            {
                Parameters =
                {
                    Param(projection.Name, NpgsqlDbType.Text), Param(poison.Position.Seq, NpgsqlDbType.Bigint),
                    Param(poison.Position.TxId, NpgsqlDbType.Xid8), Param(poison.EventId, NpgsqlDbType.Uuid),
                    Param(error.ToString(), NpgsqlDbType.Text),
                },
            });
        }

        var guard = new NpgsqlBatchCommand(AdvanceSql)
        {
            Parameters =
            {
                Param(to.TxId, NpgsqlDbType.Xid8), Param(to.Seq, NpgsqlDbType.Bigint), Param(projection.Name, NpgsqlDbType.Text),
                Param(from.TxId, NpgsqlDbType.Xid8), Param(from.Seq, NpgsqlDbType.Bigint),
            },
        };
        batch.BatchCommands.Add(guard);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        if (guard.RecordsAffected != 1)
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            throw new CheckpointMovedException(projection.Name);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection}: a batch of {Count} events failed; re-applying one event at a time")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, string projection, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection}: event seq {Seq} ({EventId}) moved to the dead letters")]
    private static partial void LogDeadLetter(ILogger logger, Exception error, string projection, long seq, Guid eventId);
}
