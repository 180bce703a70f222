using Npgsql;
using NpgsqlTypes;

namespace Ticketing.Projections.Tickets;

/// <summary>
/// One array parameter per column for set-based writes (<c>insert ... select * from unnest($1, $2, ...)</c>): a batch of
/// thousands of rows becomes one statement with a fixed text, so one prepared plan serves every batch.
/// </summary>
internal static class UnnestArrays
{
    public static NpgsqlParameter Uuids<T>(T[] rows, Func<T, Guid> column) => Array(rows, column, NpgsqlDbType.Uuid);

    public static NpgsqlParameter NullableUuids<T>(T[] rows, Func<T, Guid?> column) => Array(rows, column, NpgsqlDbType.Uuid);

    public static NpgsqlParameter Texts<T>(T[] rows, Func<T, string?> column) => Array(rows, column, NpgsqlDbType.Text);

    public static NpgsqlParameter Jsonbs<T>(T[] rows, Func<T, string> column) => Array(rows, column, NpgsqlDbType.Jsonb);

    public static NpgsqlParameter Longs<T>(T[] rows, Func<T, long> column) => Array(rows, column, NpgsqlDbType.Bigint);

    public static NpgsqlParameter NullableLongs<T>(T[] rows, Func<T, long?> column) => Array(rows, column, NpgsqlDbType.Bigint);

    public static NpgsqlParameter Ints<T>(T[] rows, Func<T, int> column) => Array(rows, column, NpgsqlDbType.Integer);

    public static NpgsqlParameter Bools<T>(T[] rows, Func<T, bool> column) => Array(rows, column, NpgsqlDbType.Boolean);

    // timestamptz takes UTC only: an offset would be refused by Npgsql.
    public static NpgsqlParameter Instants<T>(T[] rows, Func<T, DateTimeOffset> column) =>
        Array(rows, r => column(r).ToUniversalTime(), NpgsqlDbType.TimestampTz);

    public static NpgsqlParameter Instants<T>(T[] rows, Func<T, DateTimeOffset?> column) =>
        Array(rows, r => column(r)?.ToUniversalTime(), NpgsqlDbType.TimestampTz);

    private static NpgsqlParameter<TValue[]> Array<T, TValue>(T[] rows, Func<T, TValue> column, NpgsqlDbType type)
    {
        var values = new TValue[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = column(rows[i]);
        }

        return new NpgsqlParameter<TValue[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type };
    }
}
