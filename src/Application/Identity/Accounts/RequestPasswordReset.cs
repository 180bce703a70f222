using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Email;
using Ticketing.Application.Persistence;
using Wolverine;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>
/// Someone asks for a password reset code (P9) by username or email address. For a known account it supersedes earlier
/// codes, stores a new code hashed and queues the mail carrying it, all in one transaction; for an unknown one it does
/// nothing, at the same hashing cost, so the caller cannot tell accounts apart.
/// </summary>
public sealed record RequestPasswordReset(string Login, TimeSpan CodeLifetime);

public static class RequestPasswordResetHandler
{
    public static async Task Handle(
        RequestPasswordReset command, NpgsqlDataSource dataSource, SecretHasher hasher, IMessageContext context, AuditLog audit,
        TimeProvider time, MailSecrets mailSecrets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(audit);
        var code = PasswordGenerator.ResetCode();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.FindAsync(connection, command.Login, forUpdate: true, ct);
        if (account is null)
        {
            // Same hashing cost as the known-account path, so response times do not tell accounts apart.
            hasher.Hash(code);
            return;
        }

        var now = time.GetUtcNow();
        await using (var supersede = connection.Sql("update password_reset_codes set used_at = $2 where user_id = $1 and used_at is null")
            .With(account.Id).With(now))
        {
            await supersede.ExecuteNonQueryAsync(ct);
        }

        var codeId = Guid.CreateVersion7();
        await using (var insert = connection.Sql("""
            insert into password_reset_codes (id, user_id, code_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)
            """).With(codeId).With(account.Id).With(hasher.Hash(code)).With(now).With(now + command.CodeLifetime))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await OutboxedMail.QueueAsync(
            context, tx, PasswordResetMail.Compose(account.Email, account.Language, account.FirstName, command.CodeLifetime, now),
            PasswordResetMail.Secrets(code), mailSecrets, ct);
        await audit.WriteAsync(connection, null, "user.password_reset_requested", "user", account.Id, null, new { CodeId = codeId, ExpiresAt = now + command.CodeLifetime }, ct);
        await tx.CommitAsync(ct);
        await OutboxedMail.SentAsync(context);
    }
}
