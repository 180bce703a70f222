using System.Text.Json;
using Npgsql;
using static Ticketing.Projections.ProjectionSql;
using static Ticketing.Projections.Tickets.Queries.TicketListColumns;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>Which stream of a Taskfire pair an audited event belongs to, seen from the ticket asked about.</summary>
public enum AuditedStream
{
    Ticket,
    LinkedCopy,
}

/// <summary>
/// One stored event as auditors see it (T11). <see cref="Data"/> is the JSON exactly as stored (before any
/// upcasting); <see cref="Type"/> is its stored alias. Actor and ids come from Marten's metadata columns and headers.
/// </summary>
public sealed record AuditedEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    AuditedStream Stream,
    long Version,
    string Type,
    JsonElement Data,
    Guid? ActorId,
    string? ActorName,
    string? ActorRole,
    DateTimeOffset RecordedAt,
    Guid? CorrelationId,
    Guid? CausationId);

/// <summary>
/// The full history of a ticket and of its Taskfire partner, from the event log itself: auditors must not
/// depend on a read model being current. The partner is found in the ticket's own linking events.
/// </summary>
public sealed class TicketAuditQuery(NpgsqlDataSource dataSource)
{
    // "stream_id = any(array)" rather than "= $1 or in (subquery)": the array form stays an index scan on
    // events (stream_id, version) however long the log grows; the OR form may turn into a scan of the log.
    internal const string HistorySql = $"""
        select e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text, e.headers->>'actorId',
            e.headers->>'actorName', e.headers->>'actorRole', e.timestamp, e.correlation_id, e.causation_id
        from mt_events e
        where e.stream_id = any (array[$1] || array(
            select (x.data->>'copyId')::uuid from mt_events x
            where x.stream_id = $1 and x.type = '{TicketEventTypes.AssignedToTaskfire}'
            union
            select (x.data->>'mspTicketId')::uuid from mt_events x
            where x.stream_id = $1 and x.type = '{TicketEventTypes.TaskfireCopyCreated}'))
        order by e.seq_id
        """;

    /// <summary>Every event of the ticket and its linked copy in log order; empty when the ticket never existed.</summary>
    public async Task<IReadOnlyList<AuditedEvent>> HistoryAsync(Guid ticketId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(HistorySql);
        command.Parameters.Add(P(ticketId));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var events = new List<AuditedEvent>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var streamId = reader.GetGuid(2);
            using var data = JsonDocument.Parse(reader.GetString(5));
            events.Add(new AuditedEvent(
                Sequence: reader.GetInt64(0),
                EventId: reader.GetGuid(1),
                StreamId: streamId,
                Stream: streamId == ticketId ? AuditedStream.Ticket : AuditedStream.LinkedCopy,
                Version: reader.GetInt64(3),
                Type: reader.GetString(4),
                Data: data.RootElement.Clone(),
                ActorId: ParseGuid(NullableString(reader, 6)),
                ActorName: NullableString(reader, 7),
                ActorRole: NullableString(reader, 8),
                RecordedAt: reader.GetFieldValue<DateTimeOffset>(9),
                CorrelationId: ParseGuid(NullableString(reader, 10)),
                CausationId: ParseGuid(NullableString(reader, 11))));
        }

        return events;
    }

    // Metadata is JSON written by the store; a missing or foreign value is shown as absent, not a failure.
    private static Guid? ParseGuid(string? text) => Guid.TryParse(text, out var id) ? id : null;
}
