using Npgsql;

namespace Ticketing.Application.Workflow.Rules;

/// <summary>An administrator deletes a rule; with <see cref="IfMatch"/> only at that version.</summary>
public sealed record DeleteWorkflowRule(Guid Id, long? IfMatch);

/// <summary>Deletes the row in one guarded statement: 404 when it is gone, 412 when it moved on.</summary>
public static class DeleteWorkflowRuleHandler
{
    public static async Task Handle(DeleteWorkflowRule command, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var delete = dataSource.CreateCommand("delete from workflow_rules where id = $1 and ($2::bigint is null or version = $2)");
        delete.Parameters.Add(WorkflowRuleStore.Param(command.Id));
        delete.Parameters.Add(WorkflowRuleStore.Version(command.IfMatch));
        if (await delete.ExecuteNonQueryAsync(ct) == 0)
        {
            throw await WorkflowRuleStore.MissOrStaleAsync(dataSource, command.Id, command.IfMatch, ct);
        }
    }
}
