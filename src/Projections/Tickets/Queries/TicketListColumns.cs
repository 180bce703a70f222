using Npgsql;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>The <c>ticket_list</c> columns (aliased <c>l</c>) every ticket query returns, and their reader.</summary>
internal static class TicketListColumns
{
    public const string Select = """
        l.id, l.number, l.side, l.linked_ticket_id, l.title, l.status_id, l.status_category, l.priority, l.impact,
        l.type, l.product_family, l.queue, l.issue_type, l.work_type, l.source, l.customer_id, l.contact_id,
        l.assignee_id, l.taskfire_resource_id, l.series_id, l.due_date, l.billed, l.created_at, l.updated_at,
        l.resolved_at, l.version
        """;

    /// <summary>How many columns <see cref="Select"/> has; extra columns a query selects come after them.</summary>
    public const int Count = 26;

    /// <summary>
    /// The four columns <see cref="ReadCompletion"/> turns into a Taskfire pair's completion date (ADR 0023), for a query
    /// that joins the partner's row as <c>p</c> (<see cref="PartnerJoin"/>).
    /// </summary>
    public const string Completion = """
        p.id is not null,
        case when l.side = 'msp' then l.assignee_id else p.assignee_id end,
        case when l.side = 'msp' then l.resolved_at else p.resolved_at end,
        case when l.side = 'msp' then p.resolved_at else l.resolved_at end
        """;

    public const string PartnerJoin = "left join ticket_list p on p.id = l.linked_ticket_id and not p.deleted";

    /// <summary>The pair's completion date from the <see cref="Completion"/> columns at <paramref name="at"/>; null for a ticket without a partner.</summary>
    public static TaskfireCompletion? ReadCompletion(NpgsqlDataReader r, int at) => r.GetBoolean(at)
        ? TaskfireCompletion.Of(NullableGuid(r, at + 1), NullableInstant(r, at + 2), NullableInstant(r, at + 3))
        : null;

    public static TicketListItem Read(NpgsqlDataReader r) => new(
        Id: r.GetGuid(0),
        Number: r.GetString(1),
        Side: SqlEnum<TicketSide>.Parse(r.GetString(2)),
        LinkedTicketId: NullableGuid(r, 3),
        Title: r.GetString(4),
        StatusId: r.GetString(5),
        StatusCategory: SqlEnum<StatusCategory>.Parse(r.GetString(6)),
        Priority: NullableString(r, 7),
        Impact: NullableString(r, 8),
        Type: NullableString(r, 9),
        ProductFamily: NullableString(r, 10),
        Queue: NullableString(r, 11),
        IssueType: NullableString(r, 12),
        WorkType: NullableString(r, 13),
        Source: SqlEnum<TicketSource>.Parse(r.GetString(14)),
        CustomerId: r.GetGuid(15),
        ContactId: NullableGuid(r, 16),
        AssigneeId: NullableGuid(r, 17),
        TaskfireResourceId: NullableGuid(r, 18),
        SeriesId: NullableGuid(r, 19),
        DueDate: NullableInstant(r, 20),
        Billed: r.GetBoolean(21),
        CreatedAt: r.GetFieldValue<DateTimeOffset>(22),
        UpdatedAt: r.GetFieldValue<DateTimeOffset>(23),
        ResolvedAt: NullableInstant(r, 24),
        Version: r.GetInt64(25));

    public static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static Guid? NullableGuid(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    public static DateTimeOffset? NullableInstant(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
