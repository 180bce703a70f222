using Npgsql;
using JasperFx.Events;
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

    private static readonly string FieldsChangedSql = TicketFieldUpdates.Sql("ticket_list");

    public static NpgsqlBatchCommand FieldsChanged(IEvent e, TicketFieldsChanged changed) =>
        TicketFieldUpdates.Command(FieldsChangedSql, e, changed);
}
