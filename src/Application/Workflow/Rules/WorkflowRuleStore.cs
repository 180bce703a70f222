using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Errors;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Workflow.Rules;

/// <summary>
/// The <c>workflow_rules</c> table: the rules the engine runs and the admin reads; the rows the rule handlers write, guarded
/// by the row's version, are read and written through the same columns and JSON shape.
/// </summary>
public sealed class WorkflowRuleStore(NpgsqlDataSource dataSource)
{
    internal const string Columns =
        "id, name, trigger, conditions::text, actions::text, enabled, position, version, created_by, created_at, updated_by, updated_at";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The enabled rules in position order, the way the command path runs them.</summary>
    public const string EnabledSql = "select id, name, trigger, conditions::text, actions::text from workflow_rules where enabled order by position, id";

    /// <summary>
    /// The users the enabled rules' "set assignee" actions name who are assignable now (<see cref="TicketAssignees.AssignableSql"/>):
    /// a rule whose assignee left staff since it was saved skips that action when it fires.
    /// </summary>
    public const string AssignableAssigneesSql = $"""
        select id from users
        where {TicketAssignees.AssignableSql}
          and id::text in (
            select lower(a ->> 'value') from workflow_rules r cross join lateral jsonb_array_elements(r.actions) a
            where r.enabled and a ->> 'set' = 'assignee')
        """;

    public async Task<IReadOnlyList<WorkflowRule>> EnabledAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(EnabledSql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadEnabledAsync(reader, ct);
    }

    /// <summary>The rules of <see cref="EnabledSql"/> from the reader's current result.</summary>
    public static async Task<IReadOnlyList<WorkflowRule>> ReadEnabledAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rules = new List<WorkflowRule>();
        while (await reader.ReadAsync(ct))
        {
            rules.Add(WorkflowRuleVocabulary.ToRule(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Conditions(reader.GetString(3)), Actions(reader.GetString(4))));
        }

        return rules;
    }

    public async Task<IReadOnlyList<WorkflowRuleResponse>> ListAsync(CancellationToken ct) =>
        await QueryAsync(dataSource, $"select {Columns} from workflow_rules order by position, id", [], ct);

    public async Task<WorkflowRuleResponse> GetAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync(dataSource, $"select {Columns} from workflow_rules where id = $1", [Param(id)], ct)).SingleOrDefault() ?? throw NotFound(id);

    /// <summary>Why a guarded write touched no row: 412 when the rule exists at another version than asked, else 404.</summary>
    internal static async Task<Exception> MissOrStaleAsync(NpgsqlDataSource dataSource, Guid id, long? ifMatch, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select version from workflow_rules where id = $1");
        command.Parameters.Add(Param(id));
        return await command.ExecuteScalarAsync(ct) is long actual && ifMatch is { } expected
            ? new PreconditionFailedException(expected, actual)
            : NotFound(id);
    }

    private static NotFoundException NotFound(Guid id) => new("workflow_rule.not_found", $"Workflow rule {id} was not found.");

    // $2..$7 of the insert and the update.
    internal static NpgsqlParameter[] Body(WorkflowRuleRequest r) =>
    [
        Param(r.Name!.Trim()),
        Param(r.Trigger!),
        Param(JsonSerializer.Serialize((r.Conditions ?? []).Select(WorkflowRuleVocabulary.Normalise), Json)),
        Param(JsonSerializer.Serialize(r.Actions!.Select(WorkflowRuleVocabulary.Normalise), Json)),
        Param(r.Enabled ?? true),
        new NpgsqlParameter { Value = (object?)r.Position ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
    ];

    internal static NpgsqlParameter Param<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

    internal static NpgsqlParameter Version(long? version) =>
        new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static IReadOnlyList<WorkflowConditionBody> Conditions(string json) =>
        JsonSerializer.Deserialize<List<WorkflowConditionBody>>(json, Json) ?? [];

    private static IReadOnlyList<WorkflowActionBody> Actions(string json) =>
        JsonSerializer.Deserialize<List<WorkflowActionBody>>(json, Json) ?? [];

    internal static async Task<IReadOnlyList<WorkflowRuleResponse>> QueryAsync(NpgsqlDataSource dataSource, string sql, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rules = new List<WorkflowRuleResponse>();
        while (await reader.ReadAsync(ct))
        {
            rules.Add(new WorkflowRuleResponse(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Conditions(reader.GetString(3)), Actions(reader.GetString(4)),
                reader.GetBoolean(5), reader.GetInt32(6), reader.GetInt64(7), reader.GetGuid(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetGuid(10), reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return rules;
    }
}
