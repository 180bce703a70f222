using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Devices;
using Ticketing.Application.Persistence;
using Ticketing.Application.Privacy;
using Ticketing.Domain.Devices;

namespace Ticketing.Api.Devices;

/// <summary>A device as technicians and its contact read it; <see cref="LastSeenAt"/> is the agent's last poll.</summary>
public sealed record DeviceResponse(
    Guid Id, Guid CustomerId, string Name, DeviceOs Os, string? AgentId, Guid? ContactId, bool Retired,
    DateTimeOffset? LastSeenAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

/// <summary>One stored event of a device's stream, as technicians and auditors read the history.</summary>
public sealed record DeviceHistoryEntry(long Version, string Type, DateTimeOffset At, Guid? ActorId, string? ActorRole, JsonElement Data);

/// <summary>Reads of the devices read model and of a device's stream.</summary>
public static class DeviceQueries
{
    private const string Columns = """
        d.id, d.customer_id, d.name, d.os, d.agent_id, d.contact_id, d.retired, c.last_seen_at, d.created_at, d.updated_at, d.version
        from devices d left join device_credentials c on c.device_id = d.id
        """;

    /// <summary><c>GET /api/devices</c>: every device, or one customer's, in creation order with keyset paging.</summary>
    public static async Task<Ok<Page<DeviceResponse>>> ListAsync(
        Guid? customerId, string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var from = after is null ? (Guid?)null : Paging.GuidKey(Paging.Keys(after, 1)[0]);
        await using var command = dataSource.CreateCommand($"""
            select {Columns}
            where ($1::uuid is null or d.customer_id = $1) and ($2::uuid is null or d.id > $2)
            order by d.id limit $3
            """).With(customerId).With(from).With(size + 1);
        var rows = await ReadAsync(command, ct);
        return TypedResults.Ok(Paging.Of(rows, size, d => Paging.Cursor(d.Id.ToString())));
    }

    /// <summary><c>GET /api/devices/{id}</c>.</summary>
    public static async Task<Ok<DeviceResponse>> GetAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var device = await FindAsync(dataSource, id, null, ct) ?? throw DeviceWrites.NotFound(id);
        Tickets.ETags.Set(http.Response, device.Version);
        return TypedResults.Ok(device);
    }

    /// <summary>The device, or null; with <paramref name="contactId"/> only when it is that contact's live device.</summary>
    public static async Task<DeviceResponse?> FindAsync(NpgsqlDataSource dataSource, Guid id, Guid? contactId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"""
            select {Columns}
            where d.id = $1 and ($2::uuid is null or (d.contact_id = $2 and not d.retired))
            """).With(id).With(contactId);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>The live devices assigned to a contact, by name.</summary>
    public static async Task<IReadOnlyList<DeviceResponse>> OfContactAsync(NpgsqlDataSource dataSource, Guid contactId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"""
            select {Columns}
            where d.contact_id = $1 and not d.retired
            order by d.name, d.id limit 200
            """).With(contactId);
        return await ReadAsync(command, ct);
    }

    /// <summary>
    /// <c>GET /api/devices/{id}/history</c>: every event of the device's stream, oldest first (T11 for devices); a
    /// contact's sealed address opened, or <c>[erased]</c> once the contact was erased (ADR 0027).
    /// </summary>
    public static async Task<Ok<IReadOnlyList<DeviceHistoryEntry>>> HistoryAsync(
        Guid id, NpgsqlDataSource dataSource, PersonalDataReveal reveal, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select e.version, e.type, e.timestamp, e.headers->>'actorId', e.headers->>'actorRole', e.data::text
            from mt_events e join mt_streams s on s.id = e.stream_id
            where e.stream_id = $1 and s.type = 'device'
            order by e.version
            """).With(id);
        var entries = new List<DeviceHistoryEntry>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                using var data = JsonDocument.Parse(reader.GetString(5));
                entries.Add(new DeviceHistoryEntry(
                    reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : Guid.Parse(reader.GetString(3)), reader.GetNullableString(4), data.RootElement.Clone()));
            }
        }

        if (entries.Count == 0)
        {
            throw DeviceWrites.NotFound(id);
        }

        var revealed = await reveal.RevealAsync([.. entries.Select(e => e.Data)], ct);
        return TypedResults.Ok<IReadOnlyList<DeviceHistoryEntry>>([.. entries.Select((e, i) => e with { Data = revealed[i] })]);
    }

    /// <summary>A contact's actions on a device, newest first.</summary>
    public static async Task<IReadOnlyList<DeviceActionView>> ActionsOfContactAsync(NpgsqlDataSource dataSource, Guid deviceId, Guid contactId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select id, kind, package, status, requested_at, updated_at from device_actions
            where device_id = $1 and contact_id = $2 order by requested_at desc, id limit 50
            """).With(deviceId).With(contactId);
        var actions = new List<DeviceActionView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            actions.Add(new DeviceActionView(reader.GetGuid(0), Agents.DeviceActionKinds.Parse(reader.GetString(1)), reader.GetNullableString(2),
                reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return actions;
    }

    private static async Task<List<DeviceResponse>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<DeviceResponse>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DeviceResponse(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), ParseOs(reader.GetString(3)), reader.GetNullableString(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetBoolean(6), reader.GetNullableInstant(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetInt64(10)));
        }

        return rows;
    }

    private static DeviceOs ParseOs(string stored) => stored switch
    {
        "windows" => DeviceOs.Windows,
        "mac_os" => DeviceOs.MacOs,
        _ => DeviceOs.Linux,
    };
}
