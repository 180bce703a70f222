using FluentValidation;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>POST /api/auth/login</c>: <see cref="Login"/> is a username or an email address.</summary>
public sealed record LoginRequest(string Login, string Password) : IAccountRequest;

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Login).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(1024);
    }
}

/// <summary>
/// <c>POST /api/auth/login</c> for contacts and staff: on success a session row and a bearer token
/// (<c>{ tokenType, accessToken, expiresIn, refreshToken }</c>); on any failure one 401 problem. The access token is
/// short-lived (<see cref="AuthSettings.AccessTokenLifetime"/>); <see cref="Refresh"/> renews it.
/// </summary>
public static class Login
{
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> HandleAsync(
        LoginRequest request, NpgsqlDataSource dataSource, CredentialVerifier credentials, Sessions sessions, AuditLog audit,
        IOptions<AuthSettings> settings, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.FindAsync(connection, request.Login, forUpdate: true, ct);
        if (!await credentials.VerifyAsync(connection, account, request.Password, ct))
        {
            await tx.CommitAsync(ct);
            return AuthProblems.InvalidCredentialsResult();
        }

        var session = await sessions.CreateAsync(connection, account!.Id, settings.Value.RefreshTokenLifetime, ct);
        await audit.WriteAsync(
            connection, new AuditActor(account.Id, account.Role), "session.created", "session", session.Id, null,
            new { UserId = account.Id, session.ExpiresAt }, ct);
        await tx.CommitAsync(ct);

        var principal = CurrentUserClaims.Principal(account.Id, account.Role, account.CustomerId, session.Id, session.RefreshTokenId);
        return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
