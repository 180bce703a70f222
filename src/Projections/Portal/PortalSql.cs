using Npgsql;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Portal;

/// <summary>
/// Builds one portal statement: positional parameters and the visibility conditions every portal query shares,
/// so the list, the ticket page and the attachment download can never disagree on what a contact may see.
/// Only the conditions that apply are written (no <c>$n is null or ...</c>), so each shape gets the plan that
/// fits it, and the scope's equality column always leads an index.
/// </summary>
internal sealed class PortalSql
{
    public const string Columns = """
        p.id, p.number, p.title, p.customer_id, p.contact_id, p.status_id, p.status_category, p.priority, p.impact,
        p.type, p.product_family, p.queue, p.issue_type, p.work_type, p.assignee_id,
        nullif(trim(concat_ws(' ', a.first_name, a.last_name)), ''), p.series_id, p.due_date, p.billed,
        p.created_at, p.updated_at, p.version
        """;

    /// <summary>The assigned technician's name comes from the identity tables; a missing user leaves it null.</summary>
    public const string From = "from portal_tickets p left join users a on a.id = p.assignee_id";

    public const int ColumnCount = 22;

    private readonly List<NpgsqlParameter> parameters = [];
    private readonly List<string> conditions = [];

    public IReadOnlyList<NpgsqlParameter> Parameters => parameters;

    public string Where => string.Join("\n    and ", conditions);

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Arg(NpgsqlParameter parameter)
    {
        parameters.Add(parameter);
        return $"${parameters.Count}";
    }

    public PortalSql And(string condition)
    {
        conditions.Add(condition);
        return this;
    }

    /// <summary>What the contact may see at all: scope, visible statuses (P3), date filter (P3), series window (T9).</summary>
    public PortalSql Visible(PortalScope scope, PortalVisibility visibility, DateTimeOffset? createdFrom = null)
    {
        And("not p.deleted");
        And($"p.customer_id = {Arg(P(scope.CustomerId))}");
        if (!scope.WholeCompany)
        {
            And($"p.contact_id = {Arg(P((Guid?)scope.ContactId))}");
        }

        And($"p.status_id = any({Arg(TextArray([.. visibility.VisibleStatusIds]))})");
        var from = Max(visibility.CreatedFrom, createdFrom);
        if (from is not null)
        {
            And($"p.created_at >= {Arg(P(from.Value))}");
        }

        return And($"(p.series_id is null or p.due_date <= {Arg(P(visibility.SeriesDueBy))})");
    }

    public NpgsqlBatchCommand Command(string sql) => ProjectionSql.Command(sql, [.. parameters]);

    public static PortalTicketRow Read(NpgsqlDataReader r) => new(
        Id: r.GetGuid(0),
        Number: r.GetString(1),
        Title: r.GetString(2),
        CustomerId: r.GetGuid(3),
        ContactId: r.IsDBNull(4) ? null : r.GetGuid(4),
        StatusId: r.GetString(5),
        StatusCategory: SqlEnum<StatusCategory>.Parse(r.GetString(6)),
        Priority: Text(r, 7),
        Impact: Text(r, 8),
        Type: Text(r, 9),
        ProductFamily: Text(r, 10),
        Queue: Text(r, 11),
        IssueType: Text(r, 12),
        WorkType: Text(r, 13),
        AssigneeId: r.IsDBNull(14) ? null : r.GetGuid(14),
        AssigneeName: Text(r, 15),
        SeriesId: r.IsDBNull(16) ? null : r.GetGuid(16),
        DueDate: r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17),
        Billed: r.GetBoolean(18),
        CreatedAt: r.GetFieldValue<DateTimeOffset>(19),
        UpdatedAt: r.GetFieldValue<DateTimeOffset>(20),
        Version: r.GetInt64(21));

    public static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
