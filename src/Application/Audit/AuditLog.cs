using System.Text.Json;
using Npgsql;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Audit;

/// <summary>
/// One <c>audit_log</c> row per change, written on the change's own connection and transaction so the
/// change and its record commit or roll back together. Snapshots never contain secrets or hashes.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the entry; <paramref name="actor"/> null means the system (seeding) or an anonymous flow.</summary>
    public async Task WriteAsync(
        NpgsqlConnection connection, AuditActor? actor, string action, string entity, Guid entityId,
        object? before, object? after, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            insert into audit_log (at, actor_id, actor_role, action, entity, entity_id, before, after)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """)
            .With(time.GetUtcNow()).With(actor?.Id).With(actor?.Role).With(action).With(entity).With(entityId)
            .WithJson(before is null ? null : JsonSerializer.Serialize(before, Json))
            .WithJson(after is null ? null : JsonSerializer.Serialize(after, Json));
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Who made an audited change.</summary>
public sealed record AuditActor(Guid Id, string Role)
{
    public static AuditActor Of(CurrentUser user) => new(user.UserId, user.Role);
}
