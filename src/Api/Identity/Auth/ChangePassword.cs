using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>PUT /api/me/password</c>.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(1024);
        RuleFor(r => r.NewPassword).StrongPassword();
    }
}

/// <summary>
/// <c>PUT /api/me/password</c> (P8) for any signed-in user: needs the current password (a wrong one counts
/// towards the lockout like a failed login), then revokes the user's other sessions.
/// </summary>
public static class ChangePassword
{
    public static async Task<NoContent> HandleAsync(
        ChangePasswordRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, CredentialVerifier credentials,
        AccountWriter accounts, Sessions sessions, AuditLog audit, CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.GetAsync(connection, caller.UserId, ct);
        if (!await credentials.VerifyAsync(connection, account, request.CurrentPassword, ct))
        {
            await tx.CommitAsync(ct);
            throw AuthProblems.CurrentPasswordIncorrectError();
        }

        await accounts.SetPasswordAsync(connection, caller.UserId, request.NewPassword, ct);
        var revoked = await sessions.RevokeAllAsync(connection, caller.UserId, keep: caller.SessionId, ct);
        await audit.WriteAsync(connection, AuditActor.Of(caller), "user.password_changed", "user", caller.UserId, null, new { RevokedSessions = revoked }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
