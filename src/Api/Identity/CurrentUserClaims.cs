using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity;

/// <summary>Builds the principal of a new token and reads the caller back from one.</summary>
public static class CurrentUserClaims
{
    public static ClaimsPrincipal Principal(
        Guid userId, string role, Guid? customerId, Guid sessionId, Guid refreshTokenId, string authenticationType = BearerTokenDefaults.AuthenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(IdentityClaimTypes.Subject, userId.ToString()),
            new(IdentityClaimTypes.Role, role),
            new(IdentityClaimTypes.SessionId, sessionId.ToString()),
            new(IdentityClaimTypes.RefreshTokenId, refreshTokenId.ToString()),
        };
        if (customerId is { } customer)
        {
            claims.Add(new(IdentityClaimTypes.CustomerId, customer.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(
            claims, authenticationType, IdentityClaimTypes.Subject, IdentityClaimTypes.Role));
    }

    /// <summary>The caller of an endpoint that requires authorization; throws if called on an anonymous request.</summary>
    public static CurrentUser GetCurrentUser(this ClaimsPrincipal principal)
    {
        var customer = principal.FindFirstValue(IdentityClaimTypes.CustomerId);
        return new CurrentUser(
            Guid.Parse(Required(principal, IdentityClaimTypes.Subject)),
            Required(principal, IdentityClaimTypes.Role),
            customer is null ? null : Guid.Parse(customer),
            Guid.Parse(Required(principal, IdentityClaimTypes.SessionId)));
    }

    private static string Required(ClaimsPrincipal principal, string type) =>
        principal.FindFirstValue(type) ?? throw new InvalidOperationException($"The caller has no '{type}' claim; is the endpoint authorized?");
}
