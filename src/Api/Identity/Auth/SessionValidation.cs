using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Auth;

/// <summary>
/// Bearer tokens are self-contained, so a revoked one would stay valid until it expires. This hook runs before
/// the handler accepts a token and refuses it unless its session row is live (one primary-key lookup).
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

        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        var sessionId = ticket.Principal.FindFirstValue(IdentityClaimTypes.SessionId);
        if (!Guid.TryParse(sessionId, out var id) || !await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended (logout, password change or expiry).");
            return;
        }

        context.Token = token;
    }
}
