using System.Text;
using Npgsql;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>
/// Builds the list statements with a predicate only for the filters given, never "($n is null or col = $n)":
/// the planner can only pick the matching (filter, created_at desc, id desc) index for a predicate it sees.
/// Every variant has "not deleted" so the partial indexes apply.
/// </summary>
internal static class TicketListSqlBuilder
{
    public static NpgsqlBatchCommand Page(TicketListFilter filter, TicketListCursor? after)
    {
        var (where, parameters) = Where(filter);
        if (after is { } cursor)
        {
            parameters.Add(P(cursor.CreatedAt));
            parameters.Add(P(cursor.Id));
            where.Append($" and (l.created_at, l.id) < (${parameters.Count - 1}, ${parameters.Count})");
        }

        // One row more than the page tells whether a next page exists without a count.
        parameters.Add(P((long)filter.Limit + 1));
        return Command($"""
            select {TicketListColumns.Select}, {TicketListColumns.Completion}
            from ticket_list l {TicketListColumns.PartnerJoin}
            where {where}
            order by l.created_at desc, l.id desc
            limit ${parameters.Count}
            """, [.. parameters]);
    }

    public static NpgsqlBatchCommand Count(TicketListFilter filter)
    {
        var (where, parameters) = Where(filter);
        return Command($"select count(*) from ticket_list l where {where}", [.. parameters]);
    }

    private static (StringBuilder Where, List<NpgsqlParameter> Parameters) Where(TicketListFilter filter)
    {
        var where = new StringBuilder("not l.deleted");
        var parameters = new List<NpgsqlParameter>();
        void Equal(string column, NpgsqlParameter value)
        {
            parameters.Add(value);
            where.Append(" and ").Append(column).Append(" = $").Append(parameters.Count);
        }

        if (filter.CustomerId is { } customer) Equal("l.customer_id", P(customer));
        if (filter.ContactId is { } contact) Equal("l.contact_id", P(contact));
        if (filter.AssigneeId is { } assignee) Equal("l.assignee_id", P(assignee));
        if (filter.Queue is { } queue) Equal("l.queue", P(queue));
        if (filter.StatusId is { } status) Equal("l.status_id", P(status));
        if (filter.StatusCategory is { } category) Equal("l.status_category", P(SqlEnum<StatusCategory>.Name(category)));
        if (filter.Source is { } source) Equal("l.source", P(SqlEnum<TicketSource>.Name(source)));
        if (filter.Priority is { } priority) Equal("l.priority", P(priority));
        if (filter.Side is { } side) Equal("l.side", P(SqlEnum<TicketSide>.Name(side)));
        if (!filter.IncludeUnsubmittedTaskfire) where.Append(" and (l.side = 'msp' or l.linked_ticket_id is not null)");
        if (filter.TaskfireResourceId is { } resource) Equal("l.taskfire_resource_id", P(resource));
        void Compare(string condition, DateTimeOffset value)
        {
            parameters.Add(P(value));
            where.Append(" and l.created_at ").Append(condition).Append(" $").Append(parameters.Count);
        }

        if (filter.CreatedFrom is { } from) Compare(">=", from);
        if (filter.CreatedTo is { } to) Compare("<", to);
        if (!string.IsNullOrWhiteSpace(filter.TitleContains))
        {
            parameters.Add(P($"%{EscapeLike(filter.TitleContains.Trim())}%"));
            where.Append(" and l.title ilike $").Append(parameters.Count);
        }

        return (where, parameters);
    }

    // The default LIKE escape is the backslash; user text must not act as a wildcard.
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
