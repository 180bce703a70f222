using System.Security.Claims;
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
        var principal = await StartSessionAsync(
            request, BearerTokenDefaults.AuthenticationScheme, null, dataSource, credentials, sessions, audit, settings.Value, ct);
        return principal is null
            ? AuthProblems.InvalidCredentialsResult()
            : TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The one sign-in of the API and the portal pages: the credentials checked under the lockout, then a session row
    /// and its audit entry. Null on any failure, and when the account's role is not one of <paramref name="allowedRoles"/>
    /// (the portal pages admit contacts and Taskfire users only; no session is started for anyone else).
    /// </summary>
    public static async Task<ClaimsPrincipal?> StartSessionAsync(
        LoginRequest request, string authenticationType, IReadOnlyCollection<string>? allowedRoles, NpgsqlDataSource dataSource, CredentialVerifier credentials,
        Sessions sessions, AuditLog audit, AuthSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await LoginAccount.FindAsync(connection, request.Login, forUpdate: true, ct);
        if (!await credentials.VerifyAsync(connection, account, request.Password, ct) || allowedRoles is not null && !allowedRoles.Contains(account!.Role))
        {
            await tx.CommitAsync(ct);
            return null;
        }

        var session = await sessions.CreateAsync(connection, account!.Id, settings.RefreshTokenLifetime, ct);
        await audit.WriteAsync(
            connection, new AuditActor(account.Id, account.Role), "session.created", "session", session.Id, null,
            new { UserId = account.Id, session.ExpiresAt }, ct);
        await tx.CommitAsync(ct);
        return CurrentUserClaims.Principal(account.Id, account.Role, account.CustomerId, session.Id, session.RefreshTokenId, authenticationType);
    }
}
