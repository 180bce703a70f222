using Npgsql;
using NpgsqlTypes;

namespace Ticketing.Projections;

/// <summary>
/// Builds the parameterised commands projections add to a batch. Statement texts are constants, so
/// Npgsql's auto-prepare can reuse one server-side plan per statement during rebuilds.
/// </summary>
internal static class ProjectionSql
{
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlParameter P(Guid value) => new NpgsqlParameter<Guid> { TypedValue = value };

    public static NpgsqlParameter P(Guid? value) => Nullable(value, NpgsqlDbType.Uuid);

    public static NpgsqlParameter P(string? value) => Nullable(value, NpgsqlDbType.Text);

    public static NpgsqlParameter P(long value) => new NpgsqlParameter<long> { TypedValue = value };

    public static NpgsqlParameter P(bool value) => new NpgsqlParameter<bool> { TypedValue = value };

    public static NpgsqlParameter P(DateTimeOffset value) =>
        new NpgsqlParameter<DateTimeOffset> { TypedValue = value.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter P(DateTimeOffset? value) => Nullable(value?.ToUniversalTime(), NpgsqlDbType.TimestampTz);

    public static NpgsqlParameter Jsonb(string json) => new NpgsqlParameter<string> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static NpgsqlParameter TextArray(string[] values) =>
        new NpgsqlParameter<string[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    // Typed even when null: PostgreSQL must infer a type for "$n is null" and CASE branches.
    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
