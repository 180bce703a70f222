using System.Text.Json;
using JasperFx.Events;
using Npgsql;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>
/// Keeps <c>ticket_details</c> (what only the ticket page shows) and <c>ticket_timeline</c>. Replays are no-ops:
/// detail updates are guarded by <c>version &lt; $v</c> and timeline rows are keyed by reply or event id.
/// </summary>
public sealed class TicketDetailProjection() : SqlProjection("ticket_details", "ticket_details", "ticket_timeline")
{
    private static readonly string TaskfireSql = Guarded("taskfire_queue = $3, taskfire_note = $4");
    private static readonly string DeletedSql = Guarded("deleted_at = $3, deleted_by_id = $4");

    // jsonb "||" sets the new values and "-" text[] removes the cleared keys, so only the changed keys travel.
    private static readonly string FieldsSql = Guarded("""
        description = case when $3 then $4 else description end,
        custom_fields = (custom_fields || $5) - $6
        """);

    public override void Apply(IEvent e, ICollection<NpgsqlBatchCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(commands);
        switch (e.Data)
        {
            case TicketCreated c:
                commands.Add(Insert(e, c.Fields, c.By, null, null));
                break;
            case TaskfireCopyCreated c:
                commands.Add(Insert(e, c.Fields, c.By, c.TaskfireQueue, c.Note));
                break;
            case TaskfireTicketOpened o:
                commands.Add(Insert(e, o.Fields, o.By, null, null));
                break;
            case TicketAssignedToTaskfire t:
                commands.Add(Update(e, TaskfireSql, P(t.TaskfireQueue), P(t.Note)));
                break;
            case TicketFieldsChanged f when f.Changes.Description is not null || f.Changes.CustomFields.Count > 0:
                commands.Add(FieldsChanged(e, f.Changes));
                break;
            case TicketDeleted d:
                commands.Add(Update(e, DeletedSql, P(d.At), P(d.By.Id)));
                break;
            case SharedCopyDeleted d:
                commands.Add(Update(e, DeletedSql, P(d.At), P(d.By.Id)));
                break;
        }

        var rows = new List<TimelineRow>(1);
        AddTimeline(e, rows);
        foreach (var row in rows)
        {
            commands.Add(TimelineSql.Insert(row));
        }
    }

    /// <summary>The timeline rows <paramref name="e"/> adds (none for most field changes).</summary>
    private static void AddTimeline(IEvent e, List<TimelineRow> rows)
    {
        var timeline = new TimelineRows(e, rows);
        switch (e.Data)
        {
            case TaskfireCopyCreated c:
                timeline.Add(e.Id, TimelineEntryKind.TaskfireAssigned, c.By, c.Note, taskfireRelated: true, c.At);
                break;
            case TicketAssignedToTaskfire t:
                timeline.Add(e.Id, TimelineEntryKind.TaskfireAssigned, t.By, t.Note, taskfireRelated: true, t.At);
                break;
            case TaskfireTicketSubmitted t:
                timeline.Add(e.Id, TimelineEntryKind.TaskfireSubmitted, t.By, t.Note, taskfireRelated: true, t.At);
                break;
            case ReplyPosted r:
                timeline.Reply(r);
                break;
            case TicketStatusChanged s:
                timeline.StatusChange(e.Id, TimelineEntryKind.StatusChange, s.By, null, s.FromStatusId, s.ToStatusId, s.At);
                break;
            case TaskfireWorkCompleted w:
                timeline.StatusChange(w.ReplyId, TimelineEntryKind.TaskfireWorkCompleted, w.By, w.Note, null, w.StatusId, w.At);
                break;
            case TaskfireQuestionAsked q:
                timeline.Add(q.ReplyId, TimelineEntryKind.TaskfireQuestion, q.By, q.Note, taskfireRelated: true, q.At);
                break;
        }
    }

    private static NpgsqlBatchCommand Insert(IEvent e, TicketFields fields, Actor by, string? taskfireQueue, string? note) =>
        Command("""
            insert into ticket_details (id, description, custom_fields, created_by_id, created_by_kind, taskfire_queue,
                taskfire_note, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (id) do nothing
            """,
            P(e.StreamId), P(fields.Description), Jsonb(CustomFieldsJson(fields.CustomFields)), P(by.Id),
            P(SqlEnum<ActorKind>.Name(by.Kind)), P(taskfireQueue), P(note), P(e.Version));

    private static NpgsqlBatchCommand FieldsChanged(IEvent e, TicketFieldChanges changes) =>
        Update(e, FieldsSql,
            P(changes.Description is not null), P(changes.Description?.Value), Jsonb(CustomFieldsJson(changes.CustomFields)),
            TextArray([.. changes.CustomFields.Where(c => c.Value is null).Select(c => c.Key)]));

    // $1 id, $2 version; the assignments use $3 onwards.
    private static string Guarded(string assignments) =>
        $"update ticket_details set {assignments}, version = $2 where id = $1 and version < $2";

    private static NpgsqlBatchCommand Update(IEvent e, string sql, params NpgsqlParameter[] values) =>
        Command(sql, [P(e.StreamId), P(e.Version), .. values]);

    internal static string CustomFieldsJson(IReadOnlyDictionary<string, string?> fields)
    {
        var set = new Dictionary<string, string>(fields.Count, StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (value is not null)
            {
                set[key] = value;
            }
        }

        return JsonSerializer.Serialize(set, TicketEventJson.Default.DictionaryStringString);
    }
}
