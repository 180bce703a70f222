namespace Ticketing.Api.Identity;

/// <summary>Authentication settings, section <c>Ticketing:Auth</c>; the defaults are the product's policy.</summary>
public sealed class AuthSettings
{
    public const string Section = "Ticketing:Auth";

    /// <summary>Lifetime of an access token; renew it with the refresh token (<c>POST /api/auth/refresh</c>).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a refresh token and of its session row; each refresh starts it again.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public int MaxFailedLogins { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan ResetCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public int ResetCodeMaxAttempts { get; set; } = 5;

    /// <summary>Requests per client IP and window on the anonymous auth endpoints and the password change.</summary>
    public int RateLimitPermits { get; set; } = 20;

    /// <summary>Requests per account name and window on login and forgot-password, whatever the client address.</summary>
    public int AccountRateLimitPermits { get; set; } = 10;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a session seen live is trusted without a lookup; a revocation on another node takes effect within it
    /// (on this node at once). Zero looks every request up.
    /// </summary>
    public TimeSpan SessionCheckCache { get; set; } = TimeSpan.FromSeconds(5);
}
