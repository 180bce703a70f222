using System.Text.Json;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tickets.UnnestArrays;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>
/// The set-based path of <see cref="TicketDetailProjection"/>: the batch folded per ticket, written as one upsert of
/// the rows created in it, one version-guarded patch of the others and one insert of all timeline rows.
/// </summary>
internal static class TicketDetailsBatch
{
    private const string UpsertSql = """
        insert into ticket_details (id, description, custom_fields, created_by_id, created_by_kind, taskfire_queue, taskfire_note,
            deleted_at, deleted_by_id, version)
        select * from unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
            $9::uuid[], $10::bigint[])
        on conflict (id) do update set description = excluded.description, custom_fields = excluded.custom_fields,
            created_by_id = excluded.created_by_id, created_by_kind = excluded.created_by_kind, taskfire_queue = excluded.taskfire_queue,
            taskfire_note = excluded.taskfire_note, deleted_at = excluded.deleted_at, deleted_by_id = excluded.deleted_by_id,
            version = excluded.version
        where ticket_details.version < excluded.version
        """;

    private const string PatchSql = """
        update ticket_details t set
            taskfire_queue = case when u.set & 1 <> 0 then u.taskfire_queue else t.taskfire_queue end,
            taskfire_note = case when u.set & 1 <> 0 then u.taskfire_note else t.taskfire_note end,
            description = case when u.set & 2 <> 0 then u.description else t.description end,
            custom_fields = (t.custom_fields || u.custom_set) - array(select jsonb_array_elements_text(u.custom_removed)),
            deleted_at = case when u.set & 4 <> 0 then u.deleted_at else t.deleted_at end,
            deleted_by_id = case when u.set & 4 <> 0 then u.deleted_by_id else t.deleted_by_id end,
            version = u.version
        from unnest($1::uuid[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
            $9::timestamptz[], $10::uuid[])
            as u(id, version, set, taskfire_queue, taskfire_note, description, custom_set, custom_removed, deleted_at, deleted_by_id)
        where t.id = u.id and t.version < u.version
        """;

    public static void Apply(IReadOnlyList<RecordedEvent> events, NpgsqlBatch batch)
    {
        var folds = new Dictionary<Guid, TicketDetailsFold>();
        var timeline = new List<TimelineRow>(events.Count);
        foreach (var e in events)
        {
            TicketDetailProjection.AddTimeline(e, timeline);
            if (!folds.TryGetValue(e.StreamId, out var fold))
            {
                fold = new TicketDetailsFold(e.StreamId);
                if (fold.Add(e))
                {
                    folds.Add(e.StreamId, fold);
                }

                continue;
            }

            fold.Add(e);
        }

        var full = folds.Values.Where(f => f.Full).ToArray();
        var patches = folds.Values.Where(f => !f.Full).ToArray();
        if (full.Length > 0)
        {
            batch.BatchCommands.Add(ProjectionSql.Command(UpsertSql,
                Uuids(full, r => r.Id), Texts(full, r => r.Description), Jsonbs(full, r => SetJson(r.CustomFields)),
                Uuids(full, r => r.CreatedBy!.Id), Texts(full, r => SqlEnum<ActorKind>.Name(r.CreatedBy!.Kind)),
                Texts(full, r => r.TaskfireQueue), Texts(full, r => r.TaskfireNote), Instants(full, r => r.DeletedAt),
                NullableUuids(full, r => r.DeletedById), Longs(full, r => r.Version)));
        }

        if (patches.Length > 0)
        {
            batch.BatchCommands.Add(ProjectionSql.Command(PatchSql,
                Uuids(patches, r => r.Id), Longs(patches, r => r.Version), Ints(patches, r => (int)r.Set),
                Texts(patches, r => r.TaskfireQueue), Texts(patches, r => r.TaskfireNote), Texts(patches, r => r.Description),
                Jsonbs(patches, r => SetJson(r.CustomFields)), Jsonbs(patches, r => RemovedJson(r.CustomFields)),
                Instants(patches, r => r.DeletedAt), NullableUuids(patches, r => r.DeletedById)));
        }

        if (timeline.Count > 0)
        {
            batch.BatchCommands.Add(TimelineSql.InsertMany([.. timeline]));
        }
    }

    private static string SetJson(Dictionary<string, string?> fields) =>
        TicketDetailProjection.CustomFieldsJson(fields);

    private static string RemovedJson(Dictionary<string, string?> fields) => JsonSerializer.Serialize(
        fields.Where(f => f.Value is null).Select(f => f.Key).ToArray(), TicketEventJson.Default.StringArray);
}
