using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>POST /api/auth/reset-password</c>.</summary>
public sealed record ResetPasswordRequest(string Login, string Code, string NewPassword);

public sealed class ResetPasswordRequestValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordRequestValidator()
    {
        RuleFor(r => r.Login).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Code).NotEmpty().MaximumLength(64);
        RuleFor(r => r.NewPassword).StrongPassword();
    }
}

/// <summary>
/// <c>POST /api/auth/reset-password</c> (P9): the latest code of the account, unexpired, unused, tried fewer than
/// <see cref="AuthSettings.ResetCodeMaxAttempts"/> times. Success sets the password, lifts a lockout and revokes every
/// session; every failure is the same 422 <c>auth.reset_code_invalid</c>, and a wrong code counts an attempt.
/// </summary>
public static class ResetPassword
{
    public static async Task<NoContent> HandleAsync(
        ResetPasswordRequest request, NpgsqlDataSource dataSource, SecretHasher hasher, AccountWriter accounts, Sessions sessions,
        AuditLog audit, IOptions<AuthSettings> settings, TimeProvider time, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.FindAsync(connection, request.Login, forUpdate: true, ct);
        var code = account is null ? null : await LatestCodeAsync(connection, account.Id, ct);
        var now = time.GetUtcNow();
        if (code is null || code.ExpiresAt <= now || code.Attempts >= settings.Value.ResetCodeMaxAttempts)
        {
            hasher.VerifyNothing(request.Code);
            throw AuthProblems.ResetCodeInvalidError();
        }

        if (hasher.Verify(code.Hash, request.Code.Trim()) == SecretCheck.Invalid)
        {
            await using var attempt = connection.Sql("update password_reset_codes set attempts = attempts + 1 where id = $1").With(code.Id);
            await attempt.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            throw AuthProblems.ResetCodeInvalidError();
        }

        await using (var use = connection.Sql("update password_reset_codes set used_at = $2 where id = $1").With(code.Id).With(now))
        {
            await use.ExecuteNonQueryAsync(ct);
        }

        await accounts.SetPasswordAsync(connection, account!.Id, request.NewPassword, ct);
        var revoked = await sessions.RevokeAllAsync(connection, account.Id, keep: null, ct);
        await audit.WriteAsync(connection, new AuditActor(account.Id, account.Role), "user.password_reset", "user", account.Id, null, new { CodeId = code.Id, RevokedSessions = revoked }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private sealed record ResetCode(Guid Id, string Hash, DateTimeOffset ExpiresAt, int Attempts);

    private static async Task<ResetCode?> LatestCodeAsync(NpgsqlConnection connection, Guid userId, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            select id, code_hash, expires_at, attempts from password_reset_codes
            where user_id = $1 and used_at is null
            order by created_at desc limit 1
            for update
            """).With(userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new ResetCode(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3))
            : null;
    }
}
