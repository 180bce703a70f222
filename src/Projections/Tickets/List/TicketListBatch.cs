using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tickets.UnnestArrays;

namespace Ticketing.Projections.Tickets.List;

/// <summary>
/// The set-based path of <see cref="TicketListProjection"/>: a batch is folded per ticket, then written with two
/// statements whatever its size: an upsert of the rows created in the batch and a patch of the others, both from
/// <c>unnest</c> arrays and both guarded by the stored version, so the result equals the per-event statements'.
/// </summary>
internal static class TicketListBatch
{
    private const string UpsertSql = """
        insert into ticket_list (id, number, side, linked_ticket_id, title, status_id, status_category, priority, impact,
            type, product_family, queue, issue_type, work_type, source, customer_id, contact_id, assignee_id,
            taskfire_resource_id, series_id, due_date, billed, created_at, updated_at, resolved_at, version, deleted)
        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::uuid[], $17::uuid[],
            $18::uuid[], $19::uuid[], $20::uuid[], $21::timestamptz[], $22::boolean[], $23::timestamptz[], $24::timestamptz[],
            $25::timestamptz[], $26::bigint[], $27::boolean[])
        on conflict (id) do update set number = excluded.number, side = excluded.side, linked_ticket_id = excluded.linked_ticket_id,
            title = excluded.title, status_id = excluded.status_id, status_category = excluded.status_category,
            priority = excluded.priority, impact = excluded.impact, type = excluded.type, product_family = excluded.product_family,
            queue = excluded.queue, issue_type = excluded.issue_type, work_type = excluded.work_type, source = excluded.source,
            customer_id = excluded.customer_id, contact_id = excluded.contact_id, assignee_id = excluded.assignee_id,
            taskfire_resource_id = excluded.taskfire_resource_id, series_id = excluded.series_id, due_date = excluded.due_date,
            billed = excluded.billed, created_at = excluded.created_at, updated_at = excluded.updated_at,
            resolved_at = excluded.resolved_at, version = excluded.version, deleted = excluded.deleted
        where ticket_list.version < excluded.version
        """;

    // Columns a patch does not set are written back unchanged, which keeps reply-only patches HOT updates.
    private const string PatchSql = """
        update ticket_list t set
            status_id = case when u.set & 1 <> 0 then u.status_id else t.status_id end,
            status_category = case when u.set & 1 <> 0 then u.status_category else t.status_category end,
            resolved_at = case u.resolved when 0 then t.resolved_at when 1 then u.resolved_at else coalesce(t.resolved_at, u.resolved_at) end,
            title = case when u.set & 2 <> 0 then u.title else t.title end,
            priority = case when u.set & 4 <> 0 then u.priority else t.priority end,
            impact = case when u.set & 8 <> 0 then u.impact else t.impact end,
            type = case when u.set & 16 <> 0 then u.type else t.type end,
            product_family = case when u.set & 32 <> 0 then u.product_family else t.product_family end,
            queue = case when u.set & 64 <> 0 then u.queue else t.queue end,
            issue_type = case when u.set & 128 <> 0 then u.issue_type else t.issue_type end,
            work_type = case when u.set & 256 <> 0 then u.work_type else t.work_type end,
            due_date = case when u.set & 512 <> 0 then u.due_date else t.due_date end,
            assignee_id = case when u.set & 1024 <> 0 then u.assignee_id else t.assignee_id end,
            linked_ticket_id = case when u.set & 2048 <> 0 then u.linked_ticket_id else t.linked_ticket_id end,
            taskfire_resource_id = case when u.set & 2048 <> 0 then u.taskfire_resource_id else t.taskfire_resource_id end,
            billed = t.billed or u.billed, deleted = t.deleted or u.deleted, updated_at = u.updated_at, version = u.version
        from unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::int[], $8::timestamptz[],
            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[],
            $18::uuid[], $19::uuid[], $20::uuid[], $21::boolean[], $22::boolean[])
            as u(id, version, updated_at, set, status_id, status_category, resolved, resolved_at, title, priority, impact, type,
                product_family, queue, issue_type, work_type, due_date, assignee_id, linked_ticket_id, taskfire_resource_id, billed, deleted)
        where t.id = u.id and t.version < u.version
        """;

    public static void Apply(IReadOnlyList<RecordedEvent> events, NpgsqlBatch batch)
    {
        var folds = new Dictionary<Guid, TicketListFold>();
        foreach (var e in events)
        {
            if (!folds.TryGetValue(e.StreamId, out var fold))
            {
                fold = new TicketListFold(e.StreamId);
                if (!fold.Add(e))
                {
                    continue;
                }

                folds.Add(e.StreamId, fold);
                continue;
            }

            fold.Add(e);
        }

        var full = folds.Values.Where(f => f.Full).ToArray();
        var patches = folds.Values.Where(f => !f.Full).ToArray();
        if (full.Length > 0)
        {
            batch.BatchCommands.Add(Upsert(full));
        }

        if (patches.Length > 0)
        {
            batch.BatchCommands.Add(Patch(patches));
        }
    }

    private static NpgsqlBatchCommand Upsert(TicketListFold[] rows) => ProjectionSql.Command(UpsertSql,
        Uuids(rows, r => r.Id), Texts(rows, r => r.Created?.Number ?? r.CopyCreated!.Number),
        Texts(rows, r => SqlEnum<TicketSide>.Name(r.Created is null ? TicketSide.TaskfireCopy : TicketSide.Msp)),
        NullableUuids(rows, r => r.LinkedTicketId), Texts(rows, r => r.Fields.Title), Texts(rows, r => r.StatusId),
        Texts(rows, r => SqlEnum<StatusCategory>.Name(r.Category)), Texts(rows, r => r.Fields.Priority), Texts(rows, r => r.Fields.Impact),
        Texts(rows, r => r.Fields.Type), Texts(rows, r => r.Fields.ProductFamily), Texts(rows, r => r.Fields.Queue),
        Texts(rows, r => r.Fields.IssueType), Texts(rows, r => r.Fields.WorkType),
        Texts(rows, r => SqlEnum<TicketSource>.Name(r.Created?.Source ?? TicketSource.Taskfire)),
        Uuids(rows, r => r.Created?.CustomerId ?? r.CopyCreated!.CustomerId), NullableUuids(rows, r => r.Created is { } c ? c.ContactId : r.CopyCreated!.ContactId),
        NullableUuids(rows, r => r.AssigneeId), NullableUuids(rows, r => r.TaskfireResourceId), NullableUuids(rows, r => r.Created?.SeriesId),
        Instants(rows, r => r.Fields.DueDate), Bools(rows, r => r.Billed), Instants(rows, r => r.Created?.At ?? r.CopyCreated!.At),
        Instants(rows, r => r.UpdatedAt), Instants(rows, r => r.ResolvedAt), Longs(rows, r => r.Version), Bools(rows, r => r.Deleted));

    private static NpgsqlBatchCommand Patch(TicketListFold[] rows) => ProjectionSql.Command(PatchSql,
        Uuids(rows, r => r.Id), Longs(rows, r => r.Version), Instants(rows, r => r.UpdatedAt), Ints(rows, r => (int)r.Set),
        Texts(rows, r => r.StatusId), Texts(rows, r => SqlEnum<StatusCategory>.Name(r.Category)), Ints(rows, r => (int)r.Resolved),
        Instants(rows, r => r.ResolvedAt), Texts(rows, r => r.Fields.Title), Texts(rows, r => r.Fields.Priority),
        Texts(rows, r => r.Fields.Impact), Texts(rows, r => r.Fields.Type), Texts(rows, r => r.Fields.ProductFamily),
        Texts(rows, r => r.Fields.Queue), Texts(rows, r => r.Fields.IssueType), Texts(rows, r => r.Fields.WorkType),
        Instants(rows, r => r.Fields.DueDate), NullableUuids(rows, r => r.AssigneeId), NullableUuids(rows, r => r.LinkedTicketId),
        NullableUuids(rows, r => r.TaskfireResourceId), Bools(rows, r => r.Billed), Bools(rows, r => r.Deleted));
}
