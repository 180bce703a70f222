using FluentValidation;
using FluentValidation.Results;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets;
using Ticketing.Application.Workflow.Rules;
using Ticketing.Domain.Workflow;

namespace Ticketing.Api.Workflow;

/// <summary>
/// What a rule refers to, checked when it is saved (ADR 0011): custom-field condition values by the field's type,
/// queue / issue type / work type values within their catalogues, statuses the catalogue knows and assignees who are
/// active staff. A rule that could only ever be skipped at run time is refused instead: a 400 naming the condition or
/// action, or, for an assignee who is not active staff, the same 422 <c>ticket.assignee_not_staff</c> a ticket's
/// assignment gets.
/// </summary>
public sealed class WorkflowRuleReferences(CurrentSettings settings, NpgsqlDataSource dataSource)
{
    public async Task CheckAsync(WorkflowRuleRequest rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var snapshot = await settings.LoadAsync(ct);
        var catalogues = TicketCatalogues.From(snapshot.Catalogues, snapshot.Version(SettingsSections.Catalogues) > 0);
        var statuses = StoredTicketSettings.Statuses(snapshot.Catalogues);
        var fieldsSaved = snapshot.Version(SettingsSections.Fields) > 0;
        var failures = new List<ValidationFailure>();
        var conditions = rule.Conditions ?? [];
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            var path = condition.Op == "in" ? $"conditions[{i}].values" : $"conditions[{i}].value";
            var values = condition.Values ?? (condition.Value is null ? [] : [condition.Value]);
            if (condition.Field!.StartsWith(WorkflowFields.CustomFieldPrefix, StringComparison.Ordinal))
            {
                CheckCustomField(condition, values, path, snapshot.Fields.CustomFields, fieldsSaved, failures);
            }
            else if (condition.Op != "contains")
            {
                foreach (var value in values)
                {
                    failures.AddRange(condition.Field switch
                    {
                        "queue" => catalogues.Check(TicketCatalogues.Queue, value, path),
                        "issueType" => catalogues.Check(TicketCatalogues.IssueType, value, path),
                        "status" when !statuses.TryFind(value, out var status) || !status.Id.Equals(value, StringComparison.OrdinalIgnoreCase) =>
                            [new ValidationFailure(path, $"There is no status id '{value}'" + (status is null ? "." : $"; use '{status.Id}'."))],
                        _ => [],
                    });
                }
            }
        }

        var actions = rule.Actions ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            var (target, value, path) = (actions[i].Set, actions[i].Value, $"actions[{i}].value");
            failures.AddRange(target switch
            {
                "queue" => catalogues.Check(TicketCatalogues.Queue, value, path),
                "workType" => catalogues.Check(TicketCatalogues.WorkType, value, path),
                "status" when value is not null && !statuses.TryFind(value, out _) => [new ValidationFailure(path, $"There is no status '{value}'.")],
                _ => [],
            });
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        // The assignee is a reference to a user, refused like a ticket's own assignee (422), once the rule is otherwise well-formed.
        foreach (var action in actions.Where(a => a.Set == "assignee" && a.Value is not null))
        {
            if (!await IsStaffAsync(Guid.Parse(action.Value!), ct))
            {
                throw new UnprocessableException(
                    TicketAssignees.NotStaff, $"User {action.Value} is not an active technician or administrator; a rule assigns tickets to staff only.");
            }
        }
    }

    private static void CheckCustomField(
        WorkflowConditionBody condition, IReadOnlyList<string> values, string path, IReadOnlyList<CustomFieldDefinition> definitions,
        bool fieldsSaved, List<ValidationFailure> failures)
    {
        var key = condition.Field![WorkflowFields.CustomFieldPrefix.Length..];
        var definition = definitions.FirstOrDefault(d => d.Key == key);
        if (definition is null)
        {
            if (fieldsSaved)
            {
                failures.Add(new($"conditions.{condition.Field}", $"'{key}' is not a custom field ({string.Join(", ", definitions.Select(d => d.Key))})."));
            }

            return;
        }

        if (condition.Op == "contains")
        {
            if (definition.Type != CustomFieldType.Text)
            {
                failures.Add(new(path, $"'contains' applies to text fields; '{definition.Label}' is {definition.Type}."));
            }

            return;
        }

        failures.AddRange(values.Where(v => !CustomFieldValues.IsValid(definition, v)).Take(1)
            .Select(_ => new ValidationFailure(path, CustomFieldValues.Expected(definition))));
    }

    private async Task<bool> IsStaffAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var query = connection.Sql($"select exists (select 1 from users where id = $1 and {TicketAssignees.AssignableSql})").With(userId);
        return (bool)(await query.ExecuteScalarAsync(ct))!;
    }
}
