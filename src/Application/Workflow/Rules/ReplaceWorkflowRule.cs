using Npgsql;

namespace Ticketing.Application.Workflow.Rules;

/// <summary>An administrator replaces a rule; with <see cref="IfMatch"/> only at that version.</summary>
public sealed record ReplaceWorkflowRule(Guid Id, long? IfMatch, WorkflowRuleRequest Rule, Guid By);

/// <summary>Writes the rule's next version in one guarded update: 404 when it is gone, 412 when it moved on.</summary>
public static class ReplaceWorkflowRuleHandler
{
    public static async Task<WorkflowRuleResponse> Handle(ReplaceWorkflowRule command, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var sql = $"""
            update workflow_rules set name = $2, trigger = $3, conditions = $4::jsonb, actions = $5::jsonb, enabled = $6,
                position = coalesce($7, position), version = version + 1, updated_by = $8, updated_at = $9
            where id = $1 and ($10::bigint is null or version = $10)
            returning {WorkflowRuleStore.Columns}
            """;
        var updated = await WorkflowRuleStore.QueryAsync(
            dataSource, sql,
            [WorkflowRuleStore.Param(command.Id), .. WorkflowRuleStore.Body(command.Rule), WorkflowRuleStore.Param(command.By),
             WorkflowRuleStore.Param(clock.GetUtcNow()), WorkflowRuleStore.Version(command.IfMatch)],
            ct);
        return updated.SingleOrDefault() ?? throw await WorkflowRuleStore.MissOrStaleAsync(dataSource, command.Id, command.IfMatch, ct);
    }
}
