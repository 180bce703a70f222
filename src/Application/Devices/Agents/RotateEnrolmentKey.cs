using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Devices.Managing;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Devices.Agents;

/// <summary>Creates the customer's agent enrolment key, or replaces it (the old key stops enrolling at once).</summary>
public sealed record RotateEnrolmentKey(Guid CustomerId, AuditActor By);

/// <summary>The new key: in this answer only, stored hashed.</summary>
public sealed record EnrolmentKeyIssued(Guid CustomerId, string EnrolmentKey, DateTimeOffset CreatedAt);

public static class RotateEnrolmentKeyHandler
{
    public static async Task<EnrolmentKeyIssued> Handle(
        RotateEnrolmentKey command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await DeviceChecks.EnsureCustomerAsync(dataSource, command.CustomerId, ct);
        var key = AgentSecrets.New();
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var upsert = connection.Sql("""
            insert into agent_enrolment_keys (customer_id, key_hash, created_at, created_by) values ($1, $2, $3, $4)
            on conflict (customer_id) do update set key_hash = excluded.key_hash, created_at = excluded.created_at, created_by = excluded.created_by
            """).With(command.CustomerId).With(AgentSecrets.Hash(key)).With(now).With(command.By.Id))
        {
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await audit.WriteAsync(connection, command.By, "agent_enrolment_key.rotated", "customer", command.CustomerId, null, new { command.CustomerId, CreatedAt = now }, ct);
        await tx.CommitAsync(ct);
        return new EnrolmentKeyIssued(command.CustomerId, key, now);
    }
}
