using Marten;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Persistence;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Agents;

/// <summary>
/// An agent enrols with its customer's key: the customer's live device with that agent id gets a new credential (a
/// re-installed agent), or a new device is registered for it. The credential's secret is in the answer only.
/// </summary>
public sealed record EnrolAgent(string EnrolmentKey, string AgentId, string Name, DeviceOs Os, string? From);

public sealed record AgentEnrolled(Guid DeviceId, string Credential);

public static class EnrolAgentHandler
{
    public static async Task<AgentEnrolled> Handle(
        EnrolAgent command, IDocumentSession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var customerId = await CustomerOfKeyAsync(dataSource, command.EnrolmentKey, ct)
            ?? throw new ForbiddenException(DeviceErrors.EnrolmentKeyInvalid, "The enrolment key is not valid.");
        var now = clock.GetUtcNow();
        var existing = await DeviceOfAgentAsync(dataSource, customerId, command.AgentId, ct);
        var deviceId = existing ?? Guid.CreateVersion7();
        var by = new DeviceActor(deviceId, "agent");
        var enrolled = new DeviceAgentEnrolled(deviceId, command.AgentId, command.From, now);
        if (existing is null)
        {
            DeviceWrites.Start(session, deviceId, by, now,
                new DeviceRegistered(deviceId, customerId, command.Name, command.Os, command.AgentId, null, now), enrolled);
        }
        else
        {
            DeviceWrites.Append(session, await DeviceWrites.FetchAsync(session, deviceId, ct), by, now, enrolled);
        }

        var secret = AgentSecrets.New();
        var upsert = new NpgsqlBatchCommand("""
            insert into device_credentials (device_id, secret_hash, issued_at) values ($1, $2, $3)
            on conflict (device_id) do update set secret_hash = excluded.secret_hash, issued_at = excluded.issued_at
            """);
        upsert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        upsert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = AgentSecrets.Hash(secret), NpgsqlDbType = NpgsqlDbType.Bytea });
        upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        // In the session's transaction: the credential exists exactly when the enrolment event does.
        session.QueueOperation(new SqlStatement(upsert));
        return new AgentEnrolled(deviceId, secret);
    }

    private static async Task<Guid?> CustomerOfKeyAsync(NpgsqlDataSource dataSource, string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select customer_id from agent_enrolment_keys where key_hash = $1").With(AgentSecrets.Hash(key));
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    private static async Task<Guid?> DeviceOfAgentAsync(NpgsqlDataSource dataSource, Guid customerId, string agentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select id from devices where customer_id = $1 and agent_id = $2 and not retired")
            .With(customerId).With(agentId);
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }
}
