using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Serialization;

namespace Ticketing.EventStore;

/// <summary>Encoding and decoding of <c>events</c> rows, shared by the store and the projection runner.</summary>
internal static class EventRows
{
    /// <summary>Columns of the <c>events</c> table aliased <c>e</c>, in the order <see cref="Decode"/> reads them.</summary>
    public const string Columns = "e.seq, e.id, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.tx_id";

    /// <summary>Index of <c>tx_id</c> in <see cref="Columns"/>; extra columns a query needs come after it.</summary>
    public const int TxIdOrdinal = 8;

    public static RecordedEvent Decode(NpgsqlDataReader reader, EventTypeRegistry registry)
    {
        var (alias, data) = registry.Deserialize(reader.GetString(4), reader.GetString(5));
        return new RecordedEvent(
            Sequence: reader.GetInt64(0),
            EventId: reader.GetGuid(1),
            StreamId: reader.GetGuid(2),
            Version: reader.GetInt64(3),
            Type: alias,
            Data: data,
            Metadata: DecodeMetadata(reader.GetString(6)),
            RecordedAt: reader.GetFieldValue<DateTimeOffset>(7));
    }

    public static string EncodeMetadata(EventMetadata metadata) =>
        JsonSerializer.Serialize(metadata, EventStoreJsonContext.Default.EventMetadata);

    public static EventMetadata DecodeMetadata(string json) =>
        JsonSerializer.Deserialize(json, EventStoreJsonContext.Default.EventMetadata)
        ?? throw new JsonException("Event metadata is null.");

    /// <summary>PostgreSQL keeps microseconds; truncating up front makes the returned instants round-trip exactly.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant) =>
        new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);

    public static NpgsqlParameter Param<T>(T value, NpgsqlDbType type) => new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type };
}
