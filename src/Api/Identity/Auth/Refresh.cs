using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Auth;

/// <summary>The body of <c>POST /api/auth/refresh</c>: the <c>refreshToken</c> of the last sign-in or refresh.</summary>
public sealed record RefreshRequest(string RefreshToken);

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(8192);
}

/// <summary>
/// <c>POST /api/auth/refresh</c>: a refresh token of a live session buys a new access token and a new refresh token
/// (the login's response shape) and is spent. The session's <c>refresh_token_id</c> names its one current refresh
/// token; presenting an older one means a token was copied, so the whole session is revoked (401
/// <c>auth.refresh_token_reused</c>). Any other refusal is 401 <c>auth.invalid_refresh_token</c> and writes nothing.
/// </summary>
public static class Refresh
{
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> HandleAsync(
        RefreshRequest request, NpgsqlDataSource dataSource, Sessions sessions, AuditLog audit,
        IOptionsMonitor<BearerTokenOptions> bearer, IOptions<AuthSettings> settings, TimeProvider time, CancellationToken ct)
    {
        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expiresAt || expiresAt <= time.GetUtcNow()
            || !Guid.TryParse(ticket.Principal.FindFirstValue(IdentityClaimTypes.SessionId), out var sessionId)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(IdentityClaimTypes.RefreshTokenId), out var presented))
        {
            return AuthProblems.InvalidRefreshTokenResult();
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var session = await sessions.LockForRefreshAsync(connection, sessionId, ct);
        if (session is not { Live: true, RefreshTokenId: { } current })
        {
            return AuthProblems.InvalidRefreshTokenResult();
        }

        var actor = new AuditActor(session.UserId, session.Role);
        if (presented != current)
        {
            await sessions.RevokeAsync(connection, session.Id, ct);
            await audit.WriteAsync(connection, actor, "session.revoked_on_reuse", "session", session.Id, null, new { session.UserId }, ct);
            await tx.CommitAsync(ct);
            return AuthProblems.RefreshTokenReusedResult();
        }

        var renewed = await sessions.RotateAsync(connection, session.Id, settings.Value.RefreshTokenLifetime, ct);
        await audit.WriteAsync(connection, actor, "session.refreshed", "session", session.Id, null, new { session.UserId, renewed.ExpiresAt }, ct);
        await tx.CommitAsync(ct);

        var principal = CurrentUserClaims.Principal(session.UserId, session.Role, session.CustomerId, session.Id, renewed.RefreshTokenId);
        return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
