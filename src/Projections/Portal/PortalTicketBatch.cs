using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tickets.UnnestArrays;

namespace Ticketing.Projections.Portal;

/// <summary>
/// The set-based path of <see cref="PortalTicketProjection"/>: a batch is folded per ticket, then written with two
/// statements whatever its size, both from <c>unnest</c> arrays: an insert of the whole rows created in the batch (do
/// nothing on conflict, as the per-event insert), then a patch of every row the batch's other events touch. The patch
/// takes a column only from a setter above the stored version, so it is a no-op on a row the insert has just written and
/// equals the per-event statements on any row that already existed.
/// </summary>
internal static class PortalTicketBatch
{
    private const string InsertSql = """
        insert into portal_tickets (id, number, title, customer_id, contact_id, status_id, status_category, priority, impact,
            type, product_family, queue, issue_type, work_type, assignee_id, series_id, due_date, billed, created_at, updated_at,
            version, deleted)
        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::uuid[], $16::uuid[],
            $17::timestamptz[], $18::boolean[], $19::timestamptz[], $20::timestamptz[], $21::bigint[], $22::boolean[])
        on conflict (id) do nothing
        """;

    // "x_v > t.version" is false for a null x_v (no setter in the batch), so the stored value stays.
    private const string PatchSql = """
        update portal_tickets t set
            status_id = case when u.status_v > t.version then u.status_id else t.status_id end,
            status_category = case when u.status_v > t.version then u.status_category else t.status_category end,
            title = case when u.title_v > t.version then u.title else t.title end,
            priority = case when u.priority_v > t.version then u.priority else t.priority end,
            impact = case when u.impact_v > t.version then u.impact else t.impact end,
            type = case when u.type_v > t.version then u.type else t.type end,
            product_family = case when u.product_family_v > t.version then u.product_family else t.product_family end,
            queue = case when u.queue_v > t.version then u.queue else t.queue end,
            issue_type = case when u.issue_type_v > t.version then u.issue_type else t.issue_type end,
            work_type = case when u.work_type_v > t.version then u.work_type else t.work_type end,
            due_date = case when u.due_date_v > t.version then u.due_date else t.due_date end,
            assignee_id = case when u.assignee_v > t.version then u.assignee_id else t.assignee_id end,
            billed = t.billed or coalesce(u.billed_v > t.version, false),
            deleted = t.deleted or coalesce(u.deleted_v > t.version, false),
            updated_at = case when u.updated_v > t.version then u.updated_at else t.updated_at end,
            version = u.version
        from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::bigint[], $6::text[], $7::text[],
            $8::bigint[], $9::text[], $10::bigint[], $11::text[], $12::bigint[], $13::text[], $14::bigint[], $15::text[],
            $16::bigint[], $17::text[], $18::bigint[], $19::text[], $20::bigint[], $21::text[], $22::bigint[], $23::text[],
            $24::bigint[], $25::timestamptz[], $26::bigint[], $27::uuid[], $28::bigint[], $29::bigint[])
            as u(id, version, updated_v, updated_at, status_v, status_id, status_category, title_v, title, priority_v, priority,
                impact_v, impact, type_v, type, product_family_v, product_family, queue_v, queue, issue_type_v, issue_type,
                work_type_v, work_type, due_date_v, due_date, assignee_v, assignee_id, billed_v, deleted_v)
        where t.id = u.id and t.version < u.version
        """;

    public static void Apply(IReadOnlyList<RecordedEvent> events, NpgsqlBatch batch)
    {
        var folds = new Dictionary<Guid, PortalTicketFold>();
        foreach (var e in events)
        {
            if (!folds.TryGetValue(e.StreamId, out var fold))
            {
                fold = new PortalTicketFold(e.StreamId);
                if (!fold.Add(e))
                {
                    continue;
                }

                folds.Add(e.StreamId, fold);
                continue;
            }

            fold.Add(e);
        }

        var created = folds.Values.Where(f => f.Created is not null).ToArray();
        var patches = folds.Values.Where(f => f.Version is not null).ToArray();
        if (created.Length > 0)
        {
            batch.BatchCommands.Add(Insert(created));
        }

        // After the insert: on the rows it wrote, the patch's version guard refuses every row.
        if (patches.Length > 0)
        {
            batch.BatchCommands.Add(Patch(patches));
        }
    }

    private static NpgsqlBatchCommand Insert(PortalTicketFold[] rows) => ProjectionSql.Command(InsertSql,
        Uuids(rows, r => r.Id), Texts(rows, r => C(r).Number), Texts(rows, r => r.Title.After(r.CreatedVersion, C(r).Fields.Title)),
        Uuids(rows, r => C(r).CustomerId), NullableUuids(rows, r => C(r).ContactId),
        Texts(rows, r => r.Status.After(r.CreatedVersion, CreatedStatus(r)).Id),
        Texts(rows, r => r.Status.After(r.CreatedVersion, CreatedStatus(r)).Category),
        Texts(rows, r => r.Priority.After(r.CreatedVersion, C(r).Fields.Priority)),
        Texts(rows, r => r.Impact.After(r.CreatedVersion, C(r).Fields.Impact)),
        Texts(rows, r => r.Type.After(r.CreatedVersion, C(r).Fields.Type)),
        Texts(rows, r => r.ProductFamily.After(r.CreatedVersion, C(r).Fields.ProductFamily)),
        Texts(rows, r => r.Queue.After(r.CreatedVersion, C(r).Fields.Queue)),
        Texts(rows, r => r.IssueType.After(r.CreatedVersion, C(r).Fields.IssueType)),
        Texts(rows, r => r.WorkType.After(r.CreatedVersion, C(r).Fields.WorkType)),
        NullableUuids(rows, r => r.Assignee.After(r.CreatedVersion, C(r).AssignedTechnicianId)), NullableUuids(rows, r => C(r).SeriesId),
        Instants(rows, r => r.DueDate.After(r.CreatedVersion, C(r).Fields.DueDate)), Bools(rows, r => r.BilledVersion > r.CreatedVersion),
        Instants(rows, r => C(r).At), Instants(rows, r => r.UpdatedAt.After(r.CreatedVersion, C(r).At)), Longs(rows, r => r.FullVersion),
        Bools(rows, r => r.DeletedVersion > r.CreatedVersion));

    private static NpgsqlBatchCommand Patch(PortalTicketFold[] rows) => ProjectionSql.Command(PatchSql,
        Uuids(rows, r => r.Id), Longs(rows, r => r.Version!.Value),
        NullableLongs(rows, r => r.UpdatedAt.Version), Instants(rows, r => r.UpdatedAt.Version is null ? (DateTimeOffset?)null : r.UpdatedAt.Value),
        NullableLongs(rows, r => r.Status.Version), Texts(rows, r => r.Status.Value.Id), Texts(rows, r => r.Status.Value.Category),
        NullableLongs(rows, r => r.Title.Version), Texts(rows, r => r.Title.Value),
        NullableLongs(rows, r => r.Priority.Version), Texts(rows, r => r.Priority.Value),
        NullableLongs(rows, r => r.Impact.Version), Texts(rows, r => r.Impact.Value),
        NullableLongs(rows, r => r.Type.Version), Texts(rows, r => r.Type.Value),
        NullableLongs(rows, r => r.ProductFamily.Version), Texts(rows, r => r.ProductFamily.Value),
        NullableLongs(rows, r => r.Queue.Version), Texts(rows, r => r.Queue.Value),
        NullableLongs(rows, r => r.IssueType.Version), Texts(rows, r => r.IssueType.Value),
        NullableLongs(rows, r => r.WorkType.Version), Texts(rows, r => r.WorkType.Value),
        NullableLongs(rows, r => r.DueDate.Version), Instants(rows, r => r.DueDate.Value),
        NullableLongs(rows, r => r.Assignee.Version), NullableUuids(rows, r => r.Assignee.Value),
        NullableLongs(rows, r => r.BilledVersion), NullableLongs(rows, r => r.DeletedVersion));

    private static TicketCreated C(PortalTicketFold row) => row.Created!;

    private static (string Id, string Category) CreatedStatus(PortalTicketFold row) =>
        (row.Created!.StatusId, SqlEnum<StatusCategory>.Name(row.Created.StatusCategory));
}
