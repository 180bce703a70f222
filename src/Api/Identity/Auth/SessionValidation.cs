using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Auth;

/// <summary>
/// Bearer tokens are self-contained, so a revoked one would stay valid until it expires. This hook runs before
/// the handler accepts a token and refuses it unless its session row is live (one primary-key lookup, skipped while
/// <see cref="Application.Identity.Accounts.SessionCheckCache"/> has seen the session live recently). The token it has read is the request's result,
/// so the handler does not decrypt it a second time (issue 20: one unprotect per API request); the expiry check is
/// the handler's own.
/// </summary>
public static class SessionValidation
{
    private const string Prefix = "Bearer ";

    public static async Task OnMessageReceivedAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var token = header[Prefix.Length..];
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket is null)
        {
            return; // The handler refuses it as unreadable.
        }

        var clock = context.Options.TimeProvider ?? TimeProvider.System;
        if (ticket.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            context.Fail("The token has expired.");
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        var sessionId = ticket.Principal.FindFirstValue(IdentityClaimTypes.SessionId);
        if (!Guid.TryParse(sessionId, out var id) || !await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended (logout, password change or expiry).");
            return;
        }

        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }
}
