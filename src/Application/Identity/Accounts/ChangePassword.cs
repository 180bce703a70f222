using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Errors;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>Any signed-in user replaces their password (P8), proving the current one.</summary>
public sealed record ChangePassword(CurrentUser Caller, string CurrentPassword, string NewPassword)
{
    // Wolverine logs a message that fails (a wrong current password does) by its ToString: never the passwords.
    public override string ToString() => $"{nameof(ChangePassword)} {{ Caller = {Caller} }}";
}

/// <summary>
/// A wrong current password counts towards the lockout like a failed sign-in (that count is committed before the 422);
/// the right one sets the new password and revokes the user's other sessions, audited in the same transaction.
/// </summary>
public static class ChangePasswordHandler
{
    public const string CurrentPasswordIncorrect = "auth.current_password_incorrect";

    public static async Task Handle(
        ChangePassword command, NpgsqlDataSource dataSource, CredentialVerifier credentials, AccountWriter accounts, Sessions sessions,
        AuditLog audit, CancellationToken ct)
    {
        var caller = command.Caller;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.GetAsync(connection, caller.UserId, ct);
        if (!await credentials.VerifyAsync(connection, account, command.CurrentPassword, ct))
        {
            await tx.CommitAsync(ct);
            throw new UnprocessableException(CurrentPasswordIncorrect, "The current password is wrong.");
        }

        await accounts.SetPasswordAsync(connection, caller.UserId, command.NewPassword, ct);
        var revoked = await sessions.RevokeAllAsync(connection, caller.UserId, keep: caller.SessionId, ct);
        await audit.WriteAsync(connection, AuditActor.Of(caller), "user.password_changed", "user", caller.UserId, null, new { RevokedSessions = revoked }, ct);
        await tx.CommitAsync(ct);
    }
}
