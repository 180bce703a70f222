using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Persistence;
using Ticketing.Application.Telemetry;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>After <see cref="MaxFailedLogins"/> consecutive failed sign-ins an account is locked for <see cref="LockoutDuration"/>.</summary>
public sealed record LockoutPolicy(int MaxFailedLogins, TimeSpan LockoutDuration);

/// <summary>
/// Checks a password against a row locked by the caller's transaction and keeps the lockout state of the
/// <see cref="LockoutPolicy"/>. While locked, even the right password fails. The caller commits.
/// </summary>
public sealed class CredentialVerifier(SecretHasher hasher, AuditLog audit, LockoutPolicy lockout, TimeProvider time)
{
    public async Task<bool> VerifyAsync(NpgsqlConnection connection, LoginAccount? account, string password, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (account is null || account.LockedUntil > now)
        {
            hasher.VerifyNothing(password);
            return false;
        }

        var check = hasher.Verify(account.PasswordHash, password);
        if (check == SecretCheck.Invalid)
        {
            await RegisterFailureAsync(connection, account.Id, now, ct);
            return false;
        }

        await using var reset = connection.Sql("""
            update users set failed_login_count = 0, locked_until = null,
                             password_hash = coalesce($2, password_hash)
            where id = $1
            """)
            .With(account.Id).With(check == SecretCheck.ValidButRehash ? hasher.Hash(password) : null);
        await reset.ExecuteNonQueryAsync(ct);
        return true;
    }

    private async Task RegisterFailureAsync(NpgsqlConnection connection, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var max = lockout.MaxFailedLogins;
        await using var update = connection.Sql("""
            update users set
                failed_login_count = case when failed_login_count + 1 >= $2 then 0 else failed_login_count + 1 end,
                locked_until = case when failed_login_count + 1 >= $2 then $3 else null end
            where id = $1
            returning locked_until
            """)
            .With(userId).With(max).With(now + lockout.LockoutDuration);
        TicketingMetrics.LoginFailures.Add(1);
        if (await update.ExecuteScalarAsync(ct) is DateTime or DateTimeOffset)
        {
            TicketingMetrics.Lockouts.Add(1);
            await audit.WriteAsync(connection, null, "user.locked_out", "user", userId, null, new { LockedUntil = now + lockout.LockoutDuration }, ct);
        }
    }
}
