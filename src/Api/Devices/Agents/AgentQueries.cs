using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Api.Devices.Agents;

/// <summary>What an agent's poll reads and writes: its last-seen time and the actions waiting for it.</summary>
public static class AgentQueries
{
    // A poll is not a fact of the device's history; the column moves at most every few seconds, so polls stay cheap.
    public static async Task SeenAsync(NpgsqlDataSource dataSource, Guid deviceId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            update device_credentials set last_seen_at = $2
            where device_id = $1 and (last_seen_at is null or last_seen_at < $2 - interval '5 seconds')
            """).With(deviceId).With(now);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyList<AgentAction>> PendingAsync(NpgsqlDataSource dataSource, Guid deviceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select id, kind, package, requested_at from device_actions
            where device_id = $1 and status = 'dispatched' order by requested_at, id limit 20
            """).With(deviceId);
        var actions = new List<AgentAction>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            actions.Add(new AgentAction(reader.GetGuid(0), DeviceActionKinds.Parse(reader.GetString(1)), reader.GetNullableString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return actions;
    }
}
