using Npgsql;

namespace Ticketing.Api.Audit.Chain;

/// <summary>One stored event with its stored link and its stream's recorded version, in the chain's canonical fields.</summary>
public sealed record StoredEvent(StoredLink Link, long? RecordedVersion);

/// <summary>
/// Reads stored events in the chain's canonical fields (<see cref="ChainedEvent"/>) with the link stored for each, in
/// stream and version order: for the whole log or for some streams. The recorded time is formatted by the database
/// (<c>event_chain_time</c>), as the trigger formats it.
/// </summary>
public static class StoredEvents
{
    private const string Select = """
        select e.stream_id, e.version, e.seq_id, e.id, e.type, event_chain_time(e.timestamp), e.correlation_id,
            e.causation_id, e.headers::text, e.data::text, c.hash, c.seq_id, s.version
        from mt_events e
        left join event_chain c on c.stream_id = e.stream_id and c.version = e.version
        left join mt_streams s on s.id = e.stream_id
        """;

    // Two statements, not "$1 is null or …": a prepared statement's generic plan would scan the log for one ticket.
    private const string OfStreamsSql = Select + " where e.stream_id = any ($1) order by e.stream_id, e.version";

    private const string AllSql = Select + " order by e.stream_id, e.version";

    /// <summary>The events of <paramref name="streams"/>, or of every stream when null.</summary>
    public static async IAsyncEnumerable<StoredEvent> ReadAsync(NpgsqlDataSource dataSource, Guid[]? streams,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var select = dataSource.CreateCommand(streams is null ? AllSql : OfStreamsSql);
        if (streams is not null)
        {
            select.Parameters.Add(new NpgsqlParameter { Value = streams });
        }

        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new StoredEvent(
                new StoredLink(
                    new ChainedEvent(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                        reader.GetString(4), reader.GetString(5), Text(reader, 6), Text(reader, 7), Text(reader, 8), reader.GetString(9)),
                    reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10),
                    reader.IsDBNull(11) ? null : reader.GetInt64(11)),
                reader.IsDBNull(12) ? null : reader.GetInt64(12));
        }
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
