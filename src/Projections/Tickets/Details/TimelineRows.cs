using System.Text.Json;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>Adds <c>ticket_timeline</c> rows for one event; a replayed event hits the primary key and adds nothing.</summary>
internal readonly struct TimelineRows(RecordedEvent e, NpgsqlBatch batch)
{
    private const string InsertSql = """
        insert into ticket_timeline (ticket_id, entry_id, version, kind, author_id, author_kind, body, visibility,
            taskfire_related, mirrored_from, from_status_id, to_status_id, attachments, at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        on conflict (ticket_id, entry_id) do nothing
        """;

    private const string NoAttachments = "[]";

    public void Reply(ReplyPosted r)
    {
        var kind = r.Visibility == ReplyVisibility.Public ? TimelineEntryKind.Reply
            : r.TaskfireRelated ? TimelineEntryKind.TaskfireNote : TimelineEntryKind.InternalNote;
        var attachments = r.Attachments.Count == 0
            ? NoAttachments
            : JsonSerializer.Serialize(r.Attachments, TicketEventJson.Default.IReadOnlyListAttachmentMetadata);
        Insert(r.ReplyId, kind, r.Author, r.Body, r.Visibility, r.TaskfireRelated, r.MirroredFrom, null, null, attachments, r.At);
    }

    /// <summary>Taskfire notes are internal: staff see them, and a Taskfire user's query admits taskfire_related rows.</summary>
    public void Add(Guid entryId, TimelineEntryKind kind, Actor by, string? body, bool taskfireRelated, DateTimeOffset at) =>
        Insert(entryId, kind, by, body, ReplyVisibility.Internal, taskfireRelated, null, null, null, NoAttachments, at);

    /// <summary>Status changes are public: the portal shows a ticket's status history.</summary>
    public void StatusChange(Guid entryId, TimelineEntryKind kind, Actor by, string? note, string? from, string to, DateTimeOffset at)
    {
        var visibility = note is null ? ReplyVisibility.Public : ReplyVisibility.Internal;
        Insert(entryId, kind, by, note, visibility, note is not null, null, from, to, NoAttachments, at);
    }

    private void Insert(
        Guid entryId, TimelineEntryKind kind, Actor author, string? body, ReplyVisibility visibility, bool taskfireRelated,
        Guid? mirroredFrom, string? fromStatus, string? toStatus, string attachments, DateTimeOffset at) =>
        batch.BatchCommands.Add(Command(InsertSql,
            P(e.StreamId), P(entryId), P(e.Version), P(SqlEnum<TimelineEntryKind>.Name(kind)), P(author.Id), P(SqlEnum<ActorKind>.Name(author.Kind)),
            P(body), P(SqlEnum<ReplyVisibility>.Name(visibility)), P(taskfireRelated), P(mirroredFrom), P(fromStatus),
            P(toStatus), Jsonb(attachments), P(at)));
}
