using Npgsql;
using NpgsqlTypes;

namespace Ticketing.Application.Persistence;

/// <summary>Positional (<c>$1, $2...</c>) parameters, null meaning SQL NULL.</summary>
public static class NpgsqlCommandParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string? json)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand WithUuids(this NpgsqlCommand command, IEnumerable<Guid> values)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = values.Distinct().ToArray() });
        return command;
    }

    public static NpgsqlCommand Sql(this NpgsqlConnection connection, string sql) => new(sql, connection);

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetNullableInstant(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static bool IsUniqueViolation(this PostgresException e, string constraint) =>
        e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == constraint;
}
