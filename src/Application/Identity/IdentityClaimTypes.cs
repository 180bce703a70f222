namespace Ticketing.Application.Identity;

/// <summary>Claim types of an access token.</summary>
public static class IdentityClaimTypes
{
    /// <summary>The user id (<c>users.id</c>).</summary>
    public const string Subject = "sub";

    public const string Role = "role";

    /// <summary>Present for contacts and taskfire users only.</summary>
    public const string CustomerId = "customer_id";

    /// <summary>The <c>sessions.id</c> checked on every request, so a logout or password change revokes the token.</summary>
    public const string SessionId = "sid";

    /// <summary>The session's current <c>sessions.refresh_token_id</c>; a refresh token carrying an older one is spent.</summary>
    public const string RefreshTokenId = "rti";
}
