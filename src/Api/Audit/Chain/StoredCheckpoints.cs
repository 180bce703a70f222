using Npgsql;

namespace Ticketing.Api.Audit.Chain;

/// <summary>A checkpoint's stored head: a stream, its version and the link signed for it.</summary>
public sealed record StoredHead(Guid StreamId, long Version, byte[] Hash);

public sealed record StoredCheckpoint(Checkpoint Checkpoint, IReadOnlyList<StoredHead> Heads)
{
    private Dictionary<Guid, StoredHead>? _byStream;

    /// <summary>The checkpoint's head of the stream (the first, should the stored heads name a stream twice).</summary>
    public StoredHead? HeadOf(Guid streamId) =>
        (_byStream ??= Heads.GroupBy(h => h.StreamId).ToDictionary(g => g.Key, g => g.First())).GetValueOrDefault(streamId);
}

/// <summary>The checkpoints as stored, in number order, each with its heads in tree order.</summary>
public static class StoredCheckpoints
{
    public static async Task<IReadOnlyList<StoredCheckpoint>> LoadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var checkpoints = new List<StoredCheckpoint>();
        await using var select = dataSource.CreateCommand("""
            select number, from_seq, to_seq, head_count, root, previous, created_at, key_id, signature, head_streams, head_versions, head_hashes
            from audit_checkpoints order by number
            """);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var number = reader.GetInt64(0);
            var (streams, versions, hashes) = (reader.GetFieldValue<Guid[]>(9), reader.GetFieldValue<long[]>(10), reader.GetFieldValue<byte[][]>(11));
            var heads = new StoredHead[Math.Min(streams.Length, Math.Min(versions.Length, hashes.Length))];
            for (var i = 0; i < heads.Length; i++)
            {
                heads[i] = new StoredHead(streams[i], versions[i], hashes[i]);
            }

            checkpoints.Add(new StoredCheckpoint(new Checkpoint(number, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3),
                EventChain.Hex(reader.GetFieldValue<byte[]>(4)), EventChain.Hex(reader.GetFieldValue<byte[]>(5)),
                Checkpoint.Time(reader.GetFieldValue<DateTimeOffset>(6)), reader.GetString(7),
                Convert.ToBase64String(reader.GetFieldValue<byte[]>(8))), heads));
        }

        return checkpoints;
    }

    /// <summary>The highest version any checkpoint signed, per stream: a stream that ends below it lost events at its end.</summary>
    public static Dictionary<Guid, (long Version, long Checkpoint)> LastSignedVersions(IReadOnlyList<StoredCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var lastSigned = new Dictionary<Guid, (long Version, long Checkpoint)>();
        foreach (var stored in checkpoints)
        {
            foreach (var head in stored.Heads)
            {
                if (!lastSigned.TryGetValue(head.StreamId, out var signed) || head.Version > signed.Version)
                {
                    lastSigned[head.StreamId] = (head.Version, stored.Checkpoint.Number);
                }
            }
        }

        return lastSigned;
    }

    /// <summary>The checkpoint whose range (from, to] holds the sequence number, or null when none does yet.</summary>
    public static StoredCheckpoint? Covering(IReadOnlyList<StoredCheckpoint> checkpoints, long sequence)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        int low = 0, high = checkpoints.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var c = checkpoints[middle].Checkpoint;
            if (sequence <= c.FromSequence)
            {
                high = middle - 1;
            }
            else if (sequence > c.ToSequence)
            {
                low = middle + 1;
            }
            else
            {
                return checkpoints[middle];
            }
        }

        return null;
    }
}
