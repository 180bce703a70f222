using Marten;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets;

namespace Ticketing.Bench;

/// <summary>A ticket stream to seed: its id, its last version and the times of its first and last events.</summary>
public sealed record SeedStream(Guid Id, long Version, DateTimeOffset Created, DateTimeOffset LastAt);

/// <summary>One event to seed, at its stream version, recorded at <paramref name="At"/>.</summary>
public sealed record SeedEvent(Guid StreamId, long Version, TicketEvent Data, DateTimeOffset At);

/// <summary>
/// Writes a ticket event log straight into Marten's <c>mt_streams</c> and <c>mt_events</c> by binary COPY (no read model
/// runs), each row as Marten's Quick append writes it: every event is built and stamped by the API's own code
/// (<c>BuildEvent</c>, <see cref="EventStamping.Stamp"/>) and its data and headers serialised by the store's serializer, so
/// the alias (<c>type</c>), <c>mt_dotnet_type</c>, JSON, correlation id and actor headers are Marten's. Global sequence
/// numbers are taken from <c>mt_events_sequence</c>, which is then set past them. <see cref="VerifyAsync"/> proves it.
/// </summary>
public static class MartenLogWriter
{
    /// <summary>The metadata every seeded event carries: a technician acting through the API.</summary>
    public static readonly EventMetadata Metadata = new(
        Guid.Parse("0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d70"), "tech@msp.example", "technician", Guid.Parse("0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d71"), null);

    /// <summary>Marten's tenant id of a store without multi-tenancy (its <c>tenant_id</c> column).</summary>
    private const string DefaultTenant = "*DEFAULT*";

    /// <summary>Writes <paramref name="streams"/> then <paramref name="events"/> (in the order given, which becomes the log's); returns the events written.</summary>
    public static async Task<long> WriteAsync(NpgsqlDataSource dataSource, IDocumentStore store, IEnumerable<SeedStream> streams, IEnumerable<SeedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(store);
        var serializer = store.Options.Serializer();
        await using var connection = await dataSource.OpenConnectionAsync();

        // Streams first: mt_events has a foreign key to mt_streams. Quick append inserts a new stream with its final
        // version, the stream type and tenant; `created` is the first append's time and `timestamp` the last one's.
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy mt_streams (id, type, version, timestamp, created, tenant_id, compacted_version, is_archived) from stdin (format binary)"))
        {
            foreach (var s in streams)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(TicketEventTypes.StreamType, NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.Version, NpgsqlDbType.Bigint);
                await copy.WriteAsync(s.LastAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(s.Created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await copy.CompleteAsync();
        }

        long next;
        await using (var first = new NpgsqlCommand("select nextval('mt_events_sequence')", connection))
        {
            next = (long)(await first.ExecuteScalarAsync())!;
        }

        long written = 0;
        // A session only as the factory of stamped events (nothing is saved through it), as the command path builds them.
        await using (var stamper = store.LightweightSession())
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, is_archived) " +
            "from stdin (format binary)"))
        {
            foreach (var row in events)
            {
                var e = stamper.Stamp(PendingEvent.Create(row.Data, Metadata), row.At);
                await copy.StartRowAsync();
                await copy.WriteAsync(next + written, NpgsqlDbType.Bigint);
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.StreamId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.Version, NpgsqlDbType.Bigint);
                await copy.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb);
                await copy.WriteAsync(e.EventTypeName, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.DotNetTypeName, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, e.CorrelationId, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, e.CausationId, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, e.Headers is { Count: > 0 } h ? serializer.ToJson(h) : null, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                written++;
            }

            await copy.CompleteAsync();
        }

        await using (var sequence = new NpgsqlCommand("select setval('mt_events_sequence', $1)", connection) { Parameters = { new() { Value = next + written - 1 } } })
        {
            await sequence.ExecuteNonQueryAsync();
        }

        // One statement per command: VACUUM refuses to run inside a multi-statement pipeline.
        foreach (var table in new[] { "mt_streams", "mt_events" })
        {
            await using var analyze = new NpgsqlCommand($"vacuum analyze {table}", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }

        return written;
    }

    /// <summary>
    /// Proves the seeded log is what Marten writes and reads: (1) each sample stream read back through a Marten session
    /// (<c>FetchStreamAsync</c>, <c>FetchStreamStateAsync</c>, <c>AggregateStreamAsync</c>) has its versions, sequence
    /// numbers, metadata and data (re-serialised, compared as jsonb with the stored row); (2) the first sample's events
    /// appended again by Marten itself, the API's way, to a new stream inside a transaction that is rolled back, give
    /// rows equal column for column to the seeded ones (all but ids, sequence and time); (3) the sequence is past the
    /// log. Throws on the first difference.
    /// </summary>
    public static async Task VerifyAsync(NpgsqlDataSource dataSource, IDocumentStore store, IReadOnlyList<SeedStream> samples)
    {
        ArgumentNullException.ThrowIfNull(store);
        var serializer = store.Options.Serializer();
        await using var connection = await dataSource.OpenConnectionAsync();
        List<object> firstEvents = [];
        foreach (var sample in samples)
        {
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(sample.Id);
            var state = await session.Events.FetchStreamStateAsync(sample.Id);
            var ticket = await session.Events.AggregateStreamAsync<Ticket>(sample.Id);
            Check(events.Count == sample.Version, $"stream {sample.Id}: Marten read {events.Count} events, {sample.Version} were seeded");
            Check(state is not null && state.Version == sample.Version, $"stream {sample.Id}: Marten's stream state has version {state?.Version}");
            Check(ticket is { Exists: true } && ticket.Id == sample.Id, $"stream {sample.Id}: the ticket did not fold from Marten's events");
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                Check(e.Version == i + 1 && e.Sequence > 0 && e.Data is TicketEvent, $"stream {sample.Id}: event {i + 1} read back as version {e.Version}, {e.Data?.GetType().Name}");
                Check(e.CorrelationId == Metadata.CorrelationId.ToString() && Equals(e.GetHeader(EventStamping.ActorNameHeader)?.ToString(), Metadata.ActorName),
                    $"stream {sample.Id}: event {i + 1} lost its metadata");
                await using var same = new NpgsqlCommand("select data = $1::jsonb from mt_events where id = $2", connection)
                {
                    Parameters = { new() { Value = serializer.ToJson(e.Data) }, new() { Value = e.Id } },
                };
                Check(await same.ExecuteScalarAsync() is true, $"stream {sample.Id}: event {i + 1}'s data does not survive Marten's read and write");
            }

            if (firstEvents.Count == 0)
            {
                firstEvents = [.. events.Select(e => e.Data)];
            }
        }

        await CompareWithMartenAppendAsync(connection, store, samples[0], firstEvents);
        await using var sequence = new NpgsqlCommand("select (select last_value from mt_events_sequence) >= (select max(seq_id) from mt_events)", connection);
        Check(await sequence.ExecuteScalarAsync() is true, "mt_events_sequence is not past the seeded events");
    }

    private static async Task CompareWithMartenAppendAsync(NpgsqlConnection connection, IDocumentStore store, SeedStream seeded, List<object> events)
    {
        var real = Guid.CreateVersion7();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(tx, false)))
            {
                session.Events.StartStream<Ticket>(real, [.. events.Select(d => session.Stamp(PendingEvent.Create(d, Metadata), seeded.Created))]);
                await session.SaveChangesAsync();
            }

            await using var compare = new NpgsqlCommand("""
                select
                    (select count(*) from mt_events r join mt_events s on s.version = r.version
                     where r.stream_id = $1 and s.stream_id = $2
                       and (r.type, r.mt_dotnet_type, r.data, r.headers, r.correlation_id, r.causation_id, r.tenant_id, r.is_archived, r.bdata)
                           is not distinct from (s.type, s.mt_dotnet_type, s.data, s.headers, s.correlation_id, s.causation_id, s.tenant_id, s.is_archived, s.bdata)),
                    (select count(*) from mt_streams r, mt_streams s
                     where r.id = $1 and s.id = $2
                       and (r.type, r.version, r.tenant_id, r.compacted_version, r.is_archived)
                           is not distinct from (s.type, s.version, s.tenant_id, s.compacted_version, s.is_archived)),
                    (select string_agg(row_to_json(e)::text, E'\n' order by e.stream_id = $2, e.version) from mt_events e where e.stream_id in ($1, $2))
                """, connection, tx)
            {
                Parameters = { new() { Value = real }, new() { Value = seeded.Id } },
            };
            await using (var reader = await compare.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                var sameEvents = reader.GetInt64(0);
                var sameStream = reader.GetInt64(1);
                Check(sameEvents == events.Count && sameStream == 1,
                    $"seeded rows differ from Marten's own append ({sameEvents} of {events.Count} events and {sameStream} of 1 stream alike):\n{reader.GetString(2)}");
            }

            await tx.RollbackAsync();
        }

        await using var gone = new NpgsqlCommand("select count(*) from mt_streams where id = $1", connection) { Parameters = { new() { Value = real } } };
        Check((long)(await gone.ExecuteScalarAsync())! == 0, "the comparison append was committed; it must roll back");
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Seeded log check failed: {message}");
        }
    }
}
