using JasperFx.Events;
using Npgsql;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets.List;

/// <summary>
/// Keeps <c>ticket_list</c>: one row per ticket stream. Every update is guarded by <c>version &lt; $v</c> and the
/// insert does nothing on conflict, so replaying any prefix of a stream (rebuild, retried batch) never
/// regresses a row.
/// </summary>
public sealed class TicketListProjection() : SqlProjection("ticket_list", "ticket_list")
{
    // Statement texts are built once: a rebuild applies hundreds of thousands of events.
    private static readonly string TouchSql = Guarded(null);
    private static readonly string AssignSql = Guarded("assignee_id = $4");
    private static readonly string BilledSql = Guarded("billed = true");
    private static readonly string TaskfireSql = Guarded("linked_ticket_id = $4, taskfire_resource_id = $5");
    private static readonly string ResourceSql = Guarded("taskfire_resource_id = $4");
    private static readonly string DeletedSql = Guarded("deleted = true");
    private static readonly string StatusSql = Guarded("""
        status_id = $4, status_category = $5,
        resolved_at = case when $6 then coalesce(resolved_at, $3) else null end
        """);

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
        TicketCreated c => Insert(e, c.Number, TicketSide.Msp, null, c.Fields, c.StatusId, c.StatusCategory, c.Source,
            c.CustomerId, c.ContactId, c.AssignedTechnicianId, null, c.SeriesId, c.At),
        TaskfireTicketOpened o => Insert(e, o.Number, TicketSide.TaskfireCopy, null, o.Fields, o.StatusId, o.StatusCategory,
            TicketSource.Taskfire, o.CustomerId, null, null, o.ResourceId, null, o.At),
        TaskfireTicketSubmitted t => Update(e, TaskfireSql, t.At, P(t.LinkedTicketId), P(t.TaskfireResourceId)),
        TaskfireCopyCreated c => Insert(e, c.Number, TicketSide.TaskfireCopy, c.MspTicketId, c.Fields, c.StatusId,
            c.StatusCategory, TicketSource.Taskfire, c.CustomerId, c.ContactId, null, c.TaskfireResourceId, null, c.At),
        TicketStatusChanged s => Status(e, s.ToStatusId, s.Category, s.At),
        TaskfireWorkCompleted w => Status(e, w.StatusId, w.Category, w.At),
        TicketFieldsChanged f => TicketListSql.FieldsChanged(e, f),
        TechnicianAssigned a => Update(e, AssignSql, a.At, P(a.TechnicianId)),
        TicketBilled b => Update(e, BilledSql, b.At),
        TicketAssignedToTaskfire t => Update(e, TaskfireSql, t.At, P(t.CopyId), P(t.TaskfireResourceId)),
        TaskfireResourceChanged r => Update(e, ResourceSql, r.At, P(r.ToResourceId)),
        TicketDeleted d => Update(e, DeletedSql, d.At),
        SharedCopyDeleted d => Update(e, DeletedSql, d.At),
        ReplyPosted r => Update(e, TouchSql, r.At),
        TaskfireQuestionAsked q => Update(e, TouchSql, q.At),
        _ => null,
    };

    private static NpgsqlBatchCommand Insert(
        IEvent e, string number, TicketSide side, Guid? linkedTicketId, TicketFields fields, string statusId,
        StatusCategory category, TicketSource source, Guid customerId, Guid? contactId, Guid? assigneeId,
        Guid? taskfireResourceId, Guid? seriesId, DateTimeOffset at) =>
        Command(TicketListSql.Insert,
            P(e.StreamId), P(number), P(SqlEnum<TicketSide>.Name(side)), P(linkedTicketId), P(fields.Title), P(statusId),
            P(SqlEnum<StatusCategory>.Name(category)), P(fields.Priority), P(fields.Impact), P(fields.Type),
            P(fields.ProductFamily), P(fields.Queue), P(fields.IssueType), P(fields.WorkType),
            P(SqlEnum<TicketSource>.Name(source)), P(customerId), P(contactId), P(assigneeId), P(taskfireResourceId),
            P(seriesId), P(fields.DueDate), P(at), P(category.IsFinished() ? at : (DateTimeOffset?)null), P(e.Version));

    private static NpgsqlBatchCommand Status(IEvent e, string statusId, StatusCategory category, DateTimeOffset at) =>
        Update(e, StatusSql, at, P(statusId), P(SqlEnum<StatusCategory>.Name(category)), P(category.IsFinished()));

    // $1 id, $2 version, $3 event time; the assignments use $4 onwards.
    private static string Guarded(string? assignments) =>
        $"update ticket_list set {(assignments is null ? "" : assignments + ", ")}updated_at = $3, version = $2 "
        + "where id = $1 and version < $2";

    private static NpgsqlBatchCommand Update(IEvent e, string sql, DateTimeOffset at, params NpgsqlParameter[] values) =>
        Command(sql, [P(e.StreamId), P(e.Version), P(at), .. values]);
}
