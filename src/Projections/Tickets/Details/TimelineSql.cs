using Npgsql;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;
using static Ticketing.Projections.Tickets.UnnestArrays;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>Inserts of <see cref="TimelineRow"/>s: one statement per row inline, one for a whole batch on replay.</summary>
internal static class TimelineSql
{
    private const string Columns = """
        ticket_timeline (ticket_id, entry_id, version, kind, author_id, author_kind, body, visibility,
            taskfire_related, mirrored_from, from_status_id, to_status_id, attachments, at)
        """;

    private const string InsertSql = $"""
        insert into {Columns}
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        on conflict (ticket_id, entry_id) do nothing
        """;

    private const string InsertManySql = $"""
        insert into {Columns}
        select * from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[],
            $9::boolean[], $10::uuid[], $11::text[], $12::text[], $13::jsonb[], $14::timestamptz[])
        on conflict (ticket_id, entry_id) do nothing
        """;

    public static NpgsqlBatchCommand Insert(TimelineRow r) => Command(InsertSql,
        P(r.TicketId), P(r.EntryId), P(r.Version), P(SqlEnum<TimelineEntryKind>.Name(r.Kind)), P(r.Author.Id),
        P(SqlEnum<ActorKind>.Name(r.Author.Kind)), P(r.Body), P(SqlEnum<ReplyVisibility>.Name(r.Visibility)), P(r.TaskfireRelated),
        P(r.MirroredFrom), P(r.FromStatusId), P(r.ToStatusId), Jsonb(r.Attachments), P(r.At));

    public static NpgsqlBatchCommand InsertMany(TimelineRow[] rows) => Command(InsertManySql,
        Uuids(rows, r => r.TicketId), Uuids(rows, r => r.EntryId), Longs(rows, r => r.Version),
        Texts(rows, r => SqlEnum<TimelineEntryKind>.Name(r.Kind)), Uuids(rows, r => r.Author.Id),
        Texts(rows, r => SqlEnum<ActorKind>.Name(r.Author.Kind)), Texts(rows, r => r.Body),
        Texts(rows, r => SqlEnum<ReplyVisibility>.Name(r.Visibility)), Bools(rows, r => r.TaskfireRelated),
        NullableUuids(rows, r => r.MirroredFrom), Texts(rows, r => r.FromStatusId), Texts(rows, r => r.ToStatusId),
        Jsonbs(rows, r => r.Attachments), Instants(rows, r => r.At));
}
