using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>The <c>sessions</c> table: a token is honoured only while its session row is live.</summary>
public sealed class Sessions(NpgsqlDataSource dataSource, TimeProvider time, SessionCheckCache cache)
{
    /// <summary>A new session and the id of its first refresh token; it lives <paramref name="lifetime"/> unless refreshed.</summary>
    public async Task<NewSession> CreateAsync(NpgsqlConnection connection, Guid userId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var session = new NewSession(Guid.CreateVersion7(), Guid.CreateVersion7(), now + lifetime);
        await using var command = connection.Sql("""
            insert into sessions (id, user_id, created_at, expires_at, refresh_token_id) values ($1, $2, $3, $4, $5)
            """)
            .With(session.Id).With(userId).With(now).With(session.ExpiresAt).With(session.RefreshTokenId);
        await command.ExecuteNonQueryAsync(ct);
        return session;
    }

    /// <summary>
    /// The session a refresh token names, its row locked until the caller's transaction ends (so two refreshes of one
    /// session are serialized), with its user's current role; null when there is no such session.
    /// </summary>
    public async Task<RefreshableSession?> LockForRefreshAsync(NpgsqlConnection connection, Guid sessionId, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            select s.user_id, u.role, u.customer_id, s.refresh_token_id, s.revoked_at is null and s.expires_at > $2
            from sessions s join users u on u.id = s.user_id
            where s.id = $1
            for update of s
            """)
            .With(sessionId).With(time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new RefreshableSession(
                sessionId, reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetBoolean(4))
            : null;
    }

    /// <summary>Spends the session's current refresh token: a new refresh token id, and the lifetime starts again.</summary>
    public async Task<NewSession> RotateAsync(NpgsqlConnection connection, Guid sessionId, TimeSpan lifetime, CancellationToken ct)
    {
        var renewed = new NewSession(sessionId, Guid.CreateVersion7(), time.GetUtcNow() + lifetime);
        await using var command = connection.Sql("update sessions set refresh_token_id = $2, expires_at = $3 where id = $1")
            .With(sessionId).With(renewed.RefreshTokenId).With(renewed.ExpiresAt);
        await command.ExecuteNonQueryAsync(ct);
        return renewed;
    }

    /// <summary>One primary-key lookup per authenticated request, unless the session was seen live moments ago (<see cref="SessionCheckCache"/>).</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken ct)
    {
        if (cache.IsKnownLive(sessionId))
        {
            return true;
        }

        var readAt = cache.Generation;
        await using var command = dataSource.CreateCommand("select 1 from sessions where id = $1 and revoked_at is null and expires_at > $2")
            .With(sessionId).With(time.GetUtcNow());
        var live = await command.ExecuteScalarAsync(ct) is not null;
        if (live)
        {
            cache.RememberLive(sessionId, readAt);
        }

        return live;
    }

    public async Task<bool> RevokeAsync(NpgsqlConnection connection, Guid sessionId, CancellationToken ct)
    {
        cache.Forget();
        await using var command = connection.Sql("update sessions set revoked_at = $2 where id = $1 and revoked_at is null")
            .With(sessionId).With(time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Revokes every live session of a user except <paramref name="keep"/> (null: all of them).</summary>
    public async Task<int> RevokeAllAsync(NpgsqlConnection connection, Guid userId, Guid? keep, CancellationToken ct)
    {
        cache.Forget();
        await using var command = connection.Sql("""
            update sessions set revoked_at = $3
            where user_id = $1 and revoked_at is null and ($2::uuid is null or id <> $2)
            """)
            .With(userId).With(keep).With(time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A session as created or renewed: its id, its current refresh token's id and when it ends unless refreshed.</summary>
public sealed record NewSession(Guid Id, Guid RefreshTokenId, DateTimeOffset ExpiresAt);

/// <summary>A session locked for a refresh: whose it is, the id of its current refresh token, and whether it is live.</summary>
public sealed record RefreshableSession(Guid Id, Guid UserId, string Role, Guid? CustomerId, Guid? RefreshTokenId, bool Live);
