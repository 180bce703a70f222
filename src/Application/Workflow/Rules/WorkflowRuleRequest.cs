using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.Application.Workflow.Rules;

/// <summary>
/// A rule as an admin writes it (and as <c>workflow_rules</c> stores its conditions and actions). <c>in</c> takes
/// <see cref="WorkflowConditionBody.Values"/>; the other operators take <see cref="WorkflowConditionBody.Value"/>.
/// </summary>
public sealed record WorkflowRuleRequest(
    string? Name,
    string? Trigger,
    IReadOnlyList<WorkflowConditionBody>? Conditions,
    IReadOnlyList<WorkflowActionBody>? Actions,
    bool? Enabled,
    int? Position);

public sealed record WorkflowConditionBody(
    string? Field,
    string? Op,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values)
{
    /// <summary>Properties this shape does not know, kept so validation can name them instead of ignoring a typo.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Either <c>{ "set": "queue", "value": "Level 2" }</c> or <c>{ "notify": "address or user id" }</c>.</summary>
public sealed record WorkflowActionBody(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Set,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Notify)
{
    /// <summary>Properties this shape does not know (a misspelt action), kept so validation can name them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>A stored rule; its <see cref="Version"/> is the ETag that If-Match carries back.</summary>
public sealed record WorkflowRuleResponse(
    Guid Id,
    string Name,
    string Trigger,
    IReadOnlyList<WorkflowConditionBody> Conditions,
    IReadOnlyList<WorkflowActionBody> Actions,
    bool Enabled,
    int Position,
    long Version,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    Guid UpdatedBy,
    DateTimeOffset UpdatedAt);
