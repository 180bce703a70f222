using Microsoft.Extensions.Options;
using Npgsql;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// Writes the next signed checkpoint (ADR 0024): up to the last sequence number drawn, once every transaction that may
/// hold an event below it has ended, so no event below the checkpoint can commit after it. The heads are the last
/// event of every stream that moved since the previous checkpoint, with the link the trigger stored; their Merkle
/// root, the range and the previous checkpoint's hash are signed. One writer at a time across nodes (a transaction
/// advisory lock; the checkpoint number is also the primary key).
/// </summary>
public sealed class CheckpointWriter(NpgsqlDataSource dataSource, AuditSigningKeys keys, TimeProvider time, IOptions<AuditOptions> options)
{
    internal const long LockKey = 7_361_205_118_442_950;

    private const string LastSql = "select number, to_seq, hash, created_at from audit_checkpoints order by number desc limit 1";

    private const string HeadsSql = """
        select distinct on (e.stream_id) e.stream_id, e.version, c.hash
        from mt_events e
        join event_chain c on c.stream_id = e.stream_id and c.version = e.version
        where e.seq_id > $1 and e.seq_id <= $2
        order by e.stream_id, e.version desc
        """;

    /// <summary>Writes a checkpoint when there is something to sign and it is due (or <paramref name="force"/>); returns it or null.</summary>
    public async Task<Checkpoint?> WriteAsync(bool force, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var last = await LastAsync(connection, null, ct);
        long drawn;
        await using (var sequence = new NpgsqlCommand(
            "select coalesce(pg_sequence_last_value(pg_get_serial_sequence('mt_events', 'seq_id')::regclass), 0)", connection))
        {
            drawn = (long)(await sequence.ExecuteScalarAsync(ct))!;
        }

        var settings = options.Value;
        var due = force || drawn - last.ToSequence >= settings.CheckpointEvents
            || last.CreatedAt is null || time.GetUtcNow() - last.CreatedAt >= settings.CheckpointInterval;
        if (drawn <= last.ToSequence || !due || !await InFlightEndedAsync(connection, settings.InFlightWait, ct))
        {
            return null;
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"select pg_try_advisory_xact_lock({LockKey})", connection, tx))
        {
            if (!(bool)(await lockCommand.ExecuteScalarAsync(ct))!)
            {
                return null;
            }
        }

        last = await LastAsync(connection, tx, ct);
        if (drawn <= last.ToSequence)
        {
            return null;
        }

        var heads = new List<(Guid Stream, long Version, byte[] Hash)>();
        await using (var select = new NpgsqlCommand(HeadsSql, connection, tx)
        {
            Parameters = { new() { Value = last.ToSequence }, new() { Value = drawn } },
        })
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                heads.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        if (heads.Count == 0)
        {
            // Only rolled-back appends drew those numbers; the next checkpoint's range includes them.
            return null;
        }

        // Tree order is the stream id's text, which is also PostgreSQL's uuid order.
        heads.Sort((a, b) => string.CompareOrdinal(a.Stream.ToString("D"), b.Stream.ToString("D")));
        var root = MerkleTree.Root([.. heads.Select(h => MerkleTree.HeadLeaf(h.Stream, h.Version, h.Hash))]);
        var (keyId, key) = await keys.ActiveAsync(connection, tx, ct);
        var createdAt = TruncateToMicroseconds(time.GetUtcNow());
        var unsigned = new Checkpoint(last.Number + 1, last.ToSequence, drawn, heads.Count, EventChain.Hex(root),
            last.Hash is null ? Checkpoint.NoPrevious : EventChain.Hex(last.Hash), Checkpoint.Time(createdAt), keyId, "");
        var checkpoint = unsigned with { Signature = Checkpoint.Sign(unsigned.SignedText(), key) };

        await using (var insert = new NpgsqlCommand("""
            insert into audit_checkpoints (number, from_seq, to_seq, head_count, root, previous, hash, created_at, key_id, signature,
                head_streams, head_versions, head_hashes)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, connection, tx)
        {
            Parameters =
            {
                new() { Value = checkpoint.Number }, new() { Value = checkpoint.FromSequence }, new() { Value = checkpoint.ToSequence },
                new() { Value = checkpoint.Heads }, new() { Value = root }, new() { Value = Convert.FromHexString(checkpoint.Previous) },
                new() { Value = Convert.FromHexString(checkpoint.Hash()) }, new() { Value = createdAt }, new() { Value = keyId },
                new() { Value = Convert.FromBase64String(checkpoint.Signature) },
                new() { Value = heads.Select(h => h.Stream).ToArray() },
                new() { Value = heads.Select(h => h.Version).ToArray() },
                new() { Value = heads.Select(h => h.Hash).ToArray() },
            },
        })
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return checkpoint;
    }

    /// <summary>
    /// Waits until every transaction running now has ended. Marten draws an event's sequence number after it has locked
    /// the stream's row, so the appending transaction already has an id: once all transactions of this snapshot have
    /// ended, every number drawn before it belongs to a committed event or to none.
    /// </summary>
    private static async Task<bool> InFlightEndedAsync(NpgsqlConnection connection, TimeSpan wait, CancellationToken ct)
    {
        string snapshot;
        await using (var take = new NpgsqlCommand("select pg_current_snapshot()::text", connection))
        {
            snapshot = (string)(await take.ExecuteScalarAsync(ct))!;
        }

        var deadline = DateTimeOffset.UtcNow + wait;
        await using var check = new NpgsqlCommand(
            "select not exists (select from pg_snapshot_xip($1::pg_snapshot) x where pg_xact_status(x) = 'in progress')", connection)
        {
            Parameters = { new() { Value = snapshot } },
        };
        while (!(bool)(await check.ExecuteScalarAsync(ct))!)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }

        return true;
    }

    private static async Task<(long Number, long ToSequence, byte[]? Hash, DateTimeOffset? CreatedAt)> LastAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand(LastSql, connection, tx);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(3))
            : (0, 0, null, null);
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);
}
