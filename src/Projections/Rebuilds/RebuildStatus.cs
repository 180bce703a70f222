using Npgsql;

namespace Ticketing.Projections.Rebuilds;

/// <summary>One read model's rebuild state as every node sees it (<c>read_model_rebuilds</c>).</summary>
public sealed record RebuildState(
    string Name,
    string State,
    Guid? RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? FinishedAt,
    long EventsTotal,
    long EventsDone,
    string? Error);

/// <summary>Reads and writes <c>read_model_rebuilds</c>.</summary>
public static class RebuildStatus
{
    /// <summary>A rebuild whose heartbeat is older than this belongs to a node that stopped; it is shown as interrupted.</summary>
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyDictionary<string, RebuildState>> AllAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            select name, state, requested_by, started_at, heartbeat_at, finished_at, events_total, events_done, error
            from read_model_rebuilds
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var states = new Dictionary<string, RebuildState>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            states[reader.GetString(0)] = new RebuildState(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6), reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetString(8));
        }

        return states;
    }

    internal static Task StartAsync(NpgsqlDataSource dataSource, string name, Guid? by, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync(dataSource, """
            insert into read_model_rebuilds (name, state, requested_by, started_at, heartbeat_at)
            values ($1, 'rebuilding', $2, $3, $3)
            on conflict (name) do update set state = 'rebuilding', requested_by = $2, started_at = $3, heartbeat_at = $3,
                finished_at = null, events_total = 0, events_done = 0, error = null
            """, ct, name, (object?)by ?? DBNull.Value, now);

    internal static Task ProgressAsync(NpgsqlDataSource dataSource, string name, long done, DateTimeOffset now, CancellationToken ct, long? total = null) =>
        ExecuteAsync(dataSource, """
            update read_model_rebuilds set events_done = $2, heartbeat_at = $3, events_total = coalesce($4, events_total)
            where name = $1
            """, ct, name, done, now, (object?)total ?? DBNull.Value);

    internal static async Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, long done, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            update read_model_rebuilds set state = 'completed', events_done = $2, events_total = greatest(events_total, $2),
                heartbeat_at = $3, finished_at = $3
            where name = $1
            """, connection, tx)
        {
            Parameters = { new() { Value = name }, new() { Value = done }, new() { Value = now } },
        };
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static Task FailAsync(NpgsqlDataSource dataSource, string name, string error, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync(dataSource, "update read_model_rebuilds set state = 'failed', error = $2, heartbeat_at = $3, finished_at = $3 where name = $1",
            ct, name, error, now);

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
