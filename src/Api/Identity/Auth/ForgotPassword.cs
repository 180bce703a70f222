using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Mail;
using Ticketing.Api.Identity.Persistence;
using Wolverine;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>POST /api/auth/forgot-password</c>: a username or an email address.</summary>
public sealed record ForgotPasswordRequest(string Login) : IAccountRequest;

public sealed class ForgotPasswordRequestValidator : AbstractValidator<ForgotPasswordRequest>
{
    public ForgotPasswordRequestValidator() => RuleFor(r => r.Login).NotEmpty().MaximumLength(254);
}

/// <summary>
/// <c>POST /api/auth/forgot-password</c> (P9): always 202. For a known account it supersedes earlier codes,
/// stores a new code hashed, and enqueues the mail carrying it, all in one transaction.
/// </summary>
public static class ForgotPassword
{
    public static async Task<Accepted> HandleAsync(
        ForgotPasswordRequest request, NpgsqlDataSource dataSource, SecretHasher hasher, IMessageBus bus, AuditLog audit,
        IOptions<AuthSettings> settings, TimeProvider time, CancellationToken ct)
    {
        var code = PasswordGenerator.ResetCode();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.FindAsync(connection, request.Login, forUpdate: true, ct);
        if (account is null)
        {
            // Same hashing cost as the known-account path, so response times do not tell accounts apart.
            hasher.Hash(code);
            return TypedResults.Accepted((string?)null);
        }

        var now = time.GetUtcNow();
        var lifetime = settings.Value.ResetCodeLifetime;
        await using (var supersede = connection.Sql("update password_reset_codes set used_at = $2 where user_id = $1 and used_at is null")
            .With(account.Id).With(now))
        {
            await supersede.ExecuteNonQueryAsync(ct);
        }

        var codeId = Guid.CreateVersion7();
        await using (var insert = connection.Sql("""
            insert into password_reset_codes (id, user_id, code_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)
            """).With(codeId).With(account.Id).With(hasher.Hash(code)).With(now).With(now + lifetime))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await AccountMail.QueueAsync(bus, tx, PasswordResetMail.Compose(account.Email, account.Language, account.FirstName, lifetime, now), PasswordResetMail.Secrets(code), ct);
        await audit.WriteAsync(connection, null, "user.password_reset_requested", "user", account.Id, null, new { CodeId = codeId, ExpiresAt = now + lifetime }, ct);
        await tx.CommitAsync(ct);
        await AccountMail.SentAsync(bus);
        return TypedResults.Accepted((string?)null);
    }
}
