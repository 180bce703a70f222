using JasperFx.Events;
using Npgsql;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Portal;

/// <summary>
/// Keeps <c>portal_tickets</c>: one row per MSP-side ticket. Taskfire copies get no row, so events on a copy's
/// stream update nothing. Every update is guarded by <c>version &lt; $v</c> and always moves the version (the
/// portal's ETag is the stream version), so replays and rebuilds never regress a row.
/// </summary>
public sealed class PortalTicketProjection() : SqlProjection("portal_tickets", "portal_tickets")
{
    private const string InsertSql = """
        insert into portal_tickets (
            id, number, title, customer_id, contact_id, status_id, status_category, priority, impact, type,
            product_family, queue, issue_type, work_type, assignee_id, series_id, due_date, created_at, updated_at, version)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19)
        on conflict (id) do nothing
        """;

    private static readonly string FieldsChangedSql = TicketFieldUpdates.Sql("portal_tickets");

    public override void Apply(IEvent e, ICollection<NpgsqlBatchCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(commands);
        if (CommandFor(e) is { } command)
        {
            commands.Add(command);
        }
    }

    private static NpgsqlBatchCommand? CommandFor(IEvent e) => e.Data switch
    {
        TicketCreated c => Insert(e, c),
        TicketStatusChanged s => Update(e, "status_id = $4, status_category = $5", s.At, P(s.ToStatusId), P(SqlEnum<StatusCategory>.Name(s.Category))),
        TicketFieldsChanged f => FieldsChanged(e, f),
        TechnicianAssigned a => Update(e, "assignee_id = $4", a.At, P(a.TechnicianId)),
        TicketBilled b => Update(e, "billed = true", b.At),
        TicketDeleted d => Update(e, "deleted = true", d.At),
        SharedCopyDeleted d => Update(e, "deleted = true", d.At),
        ReplyPosted { Visibility: ReplyVisibility.Public } r => Update(e, null, r.At),

        // Staff-only activity (internal notes, Taskfire hand-over) must not even move the contact's "updated"
        // time, but the version still follows the stream so the portal's ETag matches If-Match.
        TicketEvent => VersionOnly(e),
        _ => null,
    };

    private static NpgsqlBatchCommand Insert(IEvent e, TicketCreated c)
    {
        var f = c.Fields;
        return Command(InsertSql,
            P(e.StreamId), P(c.Number), P(f.Title), P(c.CustomerId), P(c.ContactId), P(c.StatusId),
            P(SqlEnum<StatusCategory>.Name(c.StatusCategory)), P(f.Priority), P(f.Impact), P(f.Type), P(f.ProductFamily),
            P(f.Queue), P(f.IssueType), P(f.WorkType), P(c.AssignedTechnicianId), P(c.SeriesId), P(f.DueDate), P(c.At),
            P(e.Version));
    }

    private static NpgsqlBatchCommand FieldsChanged(IEvent e, TicketFieldsChanged changed) =>
        TicketFieldUpdates.Command(FieldsChangedSql, e, changed);

    // $1 id, $2 version, $3 event time; the caller's assignments use $4 onwards.
    private static NpgsqlBatchCommand Update(IEvent e, string? assignments, DateTimeOffset at, params NpgsqlParameter[] values)
    {
        var sql = $"update portal_tickets set {(assignments is null ? "" : assignments + ", ")}updated_at = $3, version = $2 "
            + "where id = $1 and version < $2";
        return Command(sql, [P(e.StreamId), P(e.Version), P(at), .. values]);
    }

    private static NpgsqlBatchCommand VersionOnly(IEvent e) =>
        Command("update portal_tickets set version = $2 where id = $1 and version < $2", P(e.StreamId), P(e.Version));
}
