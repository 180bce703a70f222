using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Errors;
using Ticketing.Domain.Workflow;

namespace Ticketing.Api.Workflow;

/// <summary>The <c>workflow_rules</c> table: admin CRUD guarded by the row's version, and the rules the engine runs.</summary>
public sealed class WorkflowRuleStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns =
        "id, name, trigger, conditions::text, actions::text, enabled, position, version, created_by, created_at, updated_by, updated_at";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The enabled rules in position order, the way the command path runs them.</summary>
    public const string EnabledSql = "select id, name, trigger, conditions::text, actions::text from workflow_rules where enabled order by position, id";

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
        await QueryAsync($"select {Columns} from workflow_rules order by position, id", [], ct);

    public async Task<WorkflowRuleResponse> GetAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync($"select {Columns} from workflow_rules where id = $1", [Param(id)], ct)).SingleOrDefault() ?? throw NotFound(id);

    /// <summary>A rule without a position goes after the last one.</summary>
    public async Task<WorkflowRuleResponse> CreateAsync(WorkflowRuleRequest request, Guid by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sql = $"""
            insert into workflow_rules (id, name, trigger, conditions, actions, enabled, position, version, created_by, created_at, updated_by, updated_at)
            values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, coalesce($7, (select coalesce(max(position) + 1, 0) from workflow_rules)), 1, $8, $9, $8, $9)
            returning {Columns}
            """;
        return (await QueryAsync(sql, [Param(Guid.CreateVersion7()), .. Body(request), Param(by), Param(now)], ct)).Single();
    }

    /// <summary>Replaces the rule; with <paramref name="ifMatch"/> only at that version (else 412).</summary>
    public async Task<WorkflowRuleResponse> UpdateAsync(Guid id, long? ifMatch, WorkflowRuleRequest request, Guid by, CancellationToken ct)
    {
        var sql = $"""
            update workflow_rules set name = $2, trigger = $3, conditions = $4::jsonb, actions = $5::jsonb, enabled = $6,
                position = coalesce($7, position), version = version + 1, updated_by = $8, updated_at = $9
            where id = $1 and ($10::bigint is null or version = $10)
            returning {Columns}
            """;
        var updated = await QueryAsync(sql, [Param(id), .. Body(request), Param(by), Param(clock.GetUtcNow()), Version(ifMatch)], ct);
        return updated.SingleOrDefault() ?? throw await MissOrStaleAsync(id, ifMatch, ct);
    }

    public async Task DeleteAsync(Guid id, long? ifMatch, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("delete from workflow_rules where id = $1 and ($2::bigint is null or version = $2)");
        command.Parameters.Add(Param(id));
        command.Parameters.Add(Version(ifMatch));
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            throw await MissOrStaleAsync(id, ifMatch, ct);
        }
    }

    private async Task<Exception> MissOrStaleAsync(Guid id, long? ifMatch, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select version from workflow_rules where id = $1");
        command.Parameters.Add(Param(id));
        return await command.ExecuteScalarAsync(ct) is long actual && ifMatch is { } expected
            ? new PreconditionFailedException(expected, actual)
            : NotFound(id);
    }

    private static NotFoundException NotFound(Guid id) => new("workflow_rule.not_found", $"Workflow rule {id} was not found.");

    // $2..$7 of the insert and the update.
    private static NpgsqlParameter[] Body(WorkflowRuleRequest r) =>
    [
        Param(r.Name!.Trim()),
        Param(r.Trigger!),
        Param(JsonSerializer.Serialize((r.Conditions ?? []).Select(WorkflowRuleVocabulary.Normalise), Json)),
        Param(JsonSerializer.Serialize(r.Actions!.Select(WorkflowRuleVocabulary.Normalise), Json)),
        Param(r.Enabled ?? true),
        new NpgsqlParameter { Value = (object?)r.Position ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
    ];

    private static NpgsqlParameter Param<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

    private static NpgsqlParameter Version(long? version) =>
        new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static IReadOnlyList<WorkflowConditionBody> Conditions(string json) =>
        JsonSerializer.Deserialize<List<WorkflowConditionBody>>(json, Json) ?? [];

    private static IReadOnlyList<WorkflowActionBody> Actions(string json) =>
        JsonSerializer.Deserialize<List<WorkflowActionBody>>(json, Json) ?? [];

    private async Task<IReadOnlyList<WorkflowRuleResponse>> QueryAsync(string sql, NpgsqlParameter[] parameters, CancellationToken ct)
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
