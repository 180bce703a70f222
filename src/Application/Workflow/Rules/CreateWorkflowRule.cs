using Npgsql;

namespace Ticketing.Application.Workflow.Rules;

/// <summary>An administrator adds a rule (its shape validated and its references checked by the caller).</summary>
public sealed record CreateWorkflowRule(WorkflowRuleRequest Rule, Guid By);

/// <summary>Inserts the rule at version 1; a rule without a position goes after the last one.</summary>
public static class CreateWorkflowRuleHandler
{
    public static async Task<WorkflowRuleResponse> Handle(CreateWorkflowRule command, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var sql = $"""
            insert into workflow_rules (id, name, trigger, conditions, actions, enabled, position, version, created_by, created_at, updated_by, updated_at)
            values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, coalesce($7, (select coalesce(max(position) + 1, 0) from workflow_rules)), 1, $8, $9, $8, $9)
            returning {WorkflowRuleStore.Columns}
            """;
        var created = await WorkflowRuleStore.QueryAsync(
            dataSource, sql,
            [WorkflowRuleStore.Param(Guid.CreateVersion7()), .. WorkflowRuleStore.Body(command.Rule), WorkflowRuleStore.Param(command.By),
             WorkflowRuleStore.Param(clock.GetUtcNow())],
            ct);
        return created.Single();
    }
}
