using Npgsql;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>The insert of one <see cref="TimelineRow"/>; replaying it is a no-op.</summary>
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

    public static NpgsqlBatchCommand Insert(TimelineRow r) => Command(InsertSql,
        P(r.TicketId), P(r.EntryId), P(r.Version), P(SqlEnum<TimelineEntryKind>.Name(r.Kind)), P(r.Author.Id),
        P(SqlEnum<ActorKind>.Name(r.Author.Kind)), P(r.Body), P(SqlEnum<ReplyVisibility>.Name(r.Visibility)), P(r.TaskfireRelated),
        P(r.MirroredFrom), P(r.FromStatusId), P(r.ToStatusId), Jsonb(r.Attachments), P(r.At));

}
