using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets;

namespace Ticketing.Api.Tests.Platform;

/// <summary>One stored event as the tests compare it, whichever log it was read from.</summary>
public sealed record LoggedEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    long Version,
    string Type,
    string Data,
    Guid? ActorId,
    string? ActorName,
    string? ActorRole,
    DateTimeOffset RecordedAt,
    Guid? CorrelationId,
    Guid? CausationId);

/// <summary>One event to append to the legacy log: its id, the domain event and who caused it.</summary>
public sealed record LegacyEvent(Guid EventId, Guid StreamId, TicketEvent Event, EventMetadata Metadata)
{
    public static LegacyEvent Of(TicketEvent e, EventMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new LegacyEvent(Guid.CreateVersion7(), e.TicketId, e, metadata);
    }
}

/// <summary>
/// A database as the old event store left it: its schema (the old migrations, shipped as test resources) and a ticket
/// log written with its own <c>append_events</c> function, event JSON from the events' source-generated contract
/// (<see cref="TicketEventJson"/>) and metadata encoded as the old store encoded it. Remembers what it wrote per stream,
/// so tests can fold the legacy events themselves.
/// </summary>
public sealed class LegacyLog(string connectionString)
{
    // The old store's metadata contract: camelCase, nulls left out.
    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Dictionary<Guid, List<(TicketEvent Event, DateTimeOffset RecordedAt)>> _streams = [];

    /// <summary>Creates the old store's tables and functions (the old migrations 0001 and 0002, in order).</summary>
    public async Task CreateSchemaAsync()
    {
        var assembly = typeof(LegacyLog).Assembly;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".LegacyEventStore.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            await using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            await using var command = dataSource.CreateCommand(await reader.ReadToEndAsync());
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Appends <paramref name="events"/> (grouped by stream, in order) in ONE transaction, as the old store did.</summary>
    public async Task AppendAsync(DateTimeOffset recordedAt, params LegacyEvent[] events)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var streams = events.GroupBy(e => e.StreamId).ToList();
        if (streams.Count > 1)
        {
            await using var lockStreams = new NpgsqlCommand("select lock_streams($1)", connection, tx);
            lockStreams.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. streams.Select(s => s.Key)] });
            await lockStreams.ExecuteNonQueryAsync();
        }

        foreach (var stream in streams)
        {
            var written = _streams.TryGetValue(stream.Key, out var list) ? list.Count : 0;
            await using var append = new NpgsqlCommand("select append_events($1, $2, $3, $4, $5, $6, $7, $8)", connection, tx);
            append.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream.Key });
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "ticket" });
            append.Parameters.Add(new NpgsqlParameter<long> { TypedValue = written });
            append.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. stream.Select(e => e.EventId)] });
            append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. stream.Select(e => Alias(e.Event))] });
            append.Parameters.Add(new NpgsqlParameter<string[]>
            {
                TypedValue = [.. stream.Select(e => JsonSerializer.Serialize(e.Event, e.Event.GetType(), TicketEventJson.Default))],
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            });
            append.Parameters.Add(new NpgsqlParameter<string[]>
            {
                TypedValue = [.. stream.Select(e => JsonSerializer.Serialize(e.Metadata, MetadataJson))],
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            });
            append.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAt });
            await append.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
        foreach (var e in events)
        {
            if (!_streams.TryGetValue(e.StreamId, out var list))
            {
                _streams[e.StreamId] = list = [];
            }

            list.Add((e.Event, recordedAt));
        }
    }

    /// <summary>The recorded times of <paramref name="streamId"/>'s events, in version order.</summary>
    public IReadOnlyList<DateTimeOffset> RecordedTimes(Guid streamId) => [.. _streams[streamId].Select(e => e.RecordedAt)];

    /// <summary>The ticket folded from every legacy event of its stream written so far.</summary>
    public Ticket Current(Guid streamId) => Ticket.Fold(_streams[streamId].Select(e => e.Event));

    /// <summary>The ticket folded from its first <paramref name="version"/> legacy events.</summary>
    public Ticket StateAt(Guid streamId, long version) => Ticket.Fold(_streams[streamId].Take((int)version).Select(e => e.Event));

    /// <summary>The ticket folded from the legacy events recorded at or before <paramref name="at"/>, and how many those are.</summary>
    public (Ticket State, long Version) StateAt(Guid streamId, DateTimeOffset at)
    {
        var events = _streams[streamId].Where(e => e.RecordedAt <= at).Select(e => e.Event).ToList();
        return (Ticket.Fold(events), events.Count);
    }

    /// <summary>The legacy rows of <paramref name="streamIds"/> as the old <c>events</c> table holds them, in log order.</summary>
    public async Task<IReadOnlyList<LoggedEvent>> RowsAsync(params Guid[] streamIds)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            select seq, id, stream_id, version, type, data::text, metadata->>'actorId', metadata->>'actorName',
                metadata->>'actorRole', recorded_at, metadata->>'correlationId', metadata->>'causationId'
            from events where stream_id = any ($1) order by seq
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = streamIds });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LoggedEvent>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LoggedEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                OptionalGuid(reader, 6), Optional(reader, 7), Optional(reader, 8), reader.GetFieldValue<DateTimeOffset>(9),
                OptionalGuid(reader, 10), OptionalGuid(reader, 11)));
        }

        return rows;
    }

    private static string Alias(TicketEvent e) => TicketEventTypes.All.Single(t => t.Type == e.GetType()).Alias;

    private static string? Optional(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Guid? OptionalGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Guid.Parse(reader.GetString(ordinal));
}
