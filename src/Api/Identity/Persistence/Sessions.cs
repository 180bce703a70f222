using Npgsql;

namespace Ticketing.Api.Identity.Persistence;

/// <summary>The <c>sessions</c> table: a token is honoured only while its session row is live.</summary>
public sealed class Sessions(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<(Guid Id, DateTimeOffset ExpiresAt)> CreateAsync(NpgsqlConnection connection, Guid userId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        await using var command = connection.Sql("insert into sessions (id, user_id, created_at, expires_at) values ($1, $2, $3, $4)")
            .With(id).With(userId).With(now).With(now + lifetime);
        await command.ExecuteNonQueryAsync(ct);
        return (id, now + lifetime);
    }

    /// <summary>One primary-key lookup per authenticated request.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select 1 from sessions where id = $1 and revoked_at is null and expires_at > $2")
            .With(sessionId).With(time.GetUtcNow());
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async Task<bool> RevokeAsync(NpgsqlConnection connection, Guid sessionId, CancellationToken ct)
    {
        await using var command = connection.Sql("update sessions set revoked_at = $2 where id = $1 and revoked_at is null")
            .With(sessionId).With(time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Revokes every live session of a user except <paramref name="keep"/> (null: all of them).</summary>
    public async Task<int> RevokeAllAsync(NpgsqlConnection connection, Guid userId, Guid? keep, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            update sessions set revoked_at = $3
            where user_id = $1 and revoked_at is null and ($2::uuid is null or id <> $2)
            """)
            .With(userId).With(keep).With(time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(ct);
    }
}
