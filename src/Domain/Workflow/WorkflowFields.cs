using Ticketing.Domain.Tickets;

namespace Ticketing.Domain.Workflow;

/// <summary>The ticket fields a condition can test, and how a condition reads and compares them.</summary>
public static class WorkflowFields
{
    public const string CustomFieldPrefix = "customField:";

    public static IReadOnlyList<string> Known { get; } =
        ["source", "priority", "type", "impact", "queue", "issueType", "customer", "status"];

    public static bool IsKnown(string? field) =>
        field is not null
        && (Known.Contains(field, StringComparer.Ordinal)
            || (field.StartsWith(CustomFieldPrefix, StringComparison.Ordinal) && field.Length > CustomFieldPrefix.Length));

    /// <summary>The field's current value as text; null when it is not set.</summary>
    public static string? Read(Ticket ticket, string field)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            "source" => ticket.Source.ToString(),
            "priority" => ticket.Fields.Priority,
            "type" => ticket.Fields.Type,
            "impact" => ticket.Fields.Impact,
            "queue" => ticket.Fields.Queue,
            "issueType" => ticket.Fields.IssueType,
            "customer" => ticket.CustomerId.ToString(),
            "status" => ticket.StatusId,
            _ when field.StartsWith(CustomFieldPrefix, StringComparison.Ordinal) =>
                ticket.Fields.CustomFields.GetValueOrDefault(field[CustomFieldPrefix.Length..]),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown workflow field."),
        };
    }

    /// <summary>
    /// Values are picklist keys, enum names and ids typed by an admin, so comparison ignores case. An unset field
    /// equals nothing and contains nothing, so <c>neq</c> holds for it.
    /// </summary>
    public static bool Holds(WorkflowCondition condition, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var actual = Read(ticket, condition.Field);
        return condition.Op switch
        {
            WorkflowOperator.Eq => actual is not null && condition.Values.Any(v => Same(actual, v)),
            WorkflowOperator.Neq => actual is null || !condition.Values.Any(v => Same(actual, v)),
            WorkflowOperator.In => actual is not null && condition.Values.Any(v => Same(actual, v)),
            WorkflowOperator.Contains => actual is not null
                && condition.Values.Any(v => actual.Contains(v, StringComparison.OrdinalIgnoreCase)),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Op, "Unknown operator."),
        };
    }

    private static bool Same(string actual, string expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
}
