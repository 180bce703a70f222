using Npgsql;
using JasperFx.Events;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets;

/// <summary>
/// The per-event update a <see cref="TicketFieldsChanged"/> makes to a denormalised ticket row (the ticket list and the
/// portal's tickets share these columns). One fixed text per table for every combination of changed fields: a flag per
/// field says whether to take the new value, which keeps "set to null" apart from "unchanged" and lets one prepared
/// plan serve all.
/// </summary>
internal static class TicketFieldUpdates
{
    public static string Sql(string table) => $"""
        update {table} set
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

    /// <summary>The update of <paramref name="sql"/> (from <see cref="Sql"/>) for one event.</summary>
    public static NpgsqlBatchCommand Command(string sql, IEvent e, TicketFieldsChanged changed)
    {
        var c = changed.Changes;
        return ProjectionSql.Command(sql,
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
