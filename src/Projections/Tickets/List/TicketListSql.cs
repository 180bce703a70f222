using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets.List;

/// <summary>The longer statements of <see cref="TicketListProjection"/>.</summary>
internal static class TicketListSql
{
    public const string Insert = """
        insert into ticket_list (
            id, number, side, linked_ticket_id, title, status_id, status_category, priority, impact, type,
            product_family, queue, issue_type, work_type, source, customer_id, contact_id, assignee_id,
            taskfire_resource_id, series_id, due_date, created_at, updated_at, resolved_at, version)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
            $22, $22, $23, $24)
        on conflict (id) do nothing
        """;

    // One fixed text for every combination of changed fields: a flag per field says whether to take the
    // new value, which keeps "set to null" apart from "unchanged" and lets one prepared plan serve all.
    private const string FieldsChangedSql = """
        update ticket_list set
            title = case when $4 then $5 else title end,
            priority = case when $6 then $7 else priority end,
            impact = case when $8 then $9 else impact end,
            type = case when $10 then $11 else type end,
            product_family = case when $12 then $13 else product_family end,
            queue = case when $14 then $15 else queue end,
            issue_type = case when $16 then $17 else issue_type end,
            work_type = case when $18 then $19 else work_type end,
            due_date = case when $20 then $21 else due_date end,
            updated_at = $3, version = $2
        where id = $1 and version < $2
        """;

    public static NpgsqlBatchCommand FieldsChanged(RecordedEvent e, TicketFieldsChanged changed)
    {
        var c = changed.Changes;
        return Command(FieldsChangedSql,
            P(e.StreamId), P(e.Version), P(changed.At),
            P(c.Title is not null), P(c.Title?.Value),
            P(c.Priority is not null), P(c.Priority?.Value),
            P(c.Impact is not null), P(c.Impact?.Value),
            P(c.Type is not null), P(c.Type?.Value),
            P(c.ProductFamily is not null), P(c.ProductFamily?.Value),
            P(c.Queue is not null), P(c.Queue?.Value),
            P(c.IssueType is not null), P(c.IssueType?.Value),
            P(c.WorkType is not null), P(c.WorkType?.Value),
            P(c.DueDate is not null), P(c.DueDate?.Value));
    }
}
