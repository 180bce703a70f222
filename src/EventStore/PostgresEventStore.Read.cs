using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore;

internal sealed partial class PostgresEventStore
{
    // One round trip: the stream row gives the type even when the filters leave no event.
    private const string ReadStreamSql = $"""
        select {Columns}, s.type
        from streams s
        left join events e on e.stream_id = s.id
            and ($2::bigint is null or e.version <= $2)
            and ($3::timestamptz is null or e.recorded_at <= $3)
        where s.id = $1
        order by e.version
        """;

    private const string ReadAllSql = $"select {Columns} from events e where e.seq > $1 order by e.seq limit $2";

    public Task<StreamEvents> ReadStreamAsync(Guid streamId, CancellationToken ct) => ReadStreamAsync(streamId, null, null, ct);

    public Task<StreamEvents> ReadStreamAsync(Guid streamId, long toVersion, CancellationToken ct) => ReadStreamAsync(streamId, toVersion, null, ct);

    public Task<StreamEvents> ReadStreamAsync(Guid streamId, DateTimeOffset until, CancellationToken ct) => ReadStreamAsync(streamId, null, until, ct);

    public async IAsyncEnumerable<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        long fromSequenceExclusive, int batchSize, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var after = fromSequenceExclusive;
        while (true)
        {
            var events = new List<RecordedEvent>(batchSize);
            await using (var command = dataSource.CreateCommand(ReadAllSql))
            {
                command.Parameters.Add(Param(after, NpgsqlDbType.Bigint));
                command.Parameters.Add(Param(batchSize, NpgsqlDbType.Integer));
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    events.Add(Decode(reader, registry));
                }
            }

            if (events.Count == 0)
            {
                yield break;
            }

            yield return events;
            after = events[^1].Sequence;
            if (events.Count < batchSize)
            {
                yield break;
            }
        }
    }

    private async Task<StreamEvents> ReadStreamAsync(Guid streamId, long? toVersion, DateTimeOffset? until, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(ReadStreamSql);
        command.Parameters.Add(Param(streamId, NpgsqlDbType.Uuid));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)toVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)until ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);

        string? streamType = null;
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            streamType = reader.GetString(TxIdOrdinal + 1);
            if (!reader.IsDBNull(0))
            {
                events.Add(Decode(reader, registry));
            }
        }

        return new StreamEvents(streamId, streamType, events.Count == 0 ? 0 : events[^1].Version, events);
    }
}
