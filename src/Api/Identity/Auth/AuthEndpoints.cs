using Ticketing.Api.Hosting.Validation;

namespace Ticketing.Api.Identity.Auth;

/// <summary>
/// Sign-in, token refresh, sign-out and password recovery; the anonymous ones are rate limited per client IP, login and
/// forgot-password also per account.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Authentication");
        var anonymous = auth.MapGroup("").AllowAnonymous().RequireRateLimiting(AuthRateLimiting.Policy);
        anonymous.MapPost("/login", Login.HandleAsync).Validate<LoginRequest>().RequireAccountRateLimiting<LoginRequest>();
        anonymous.MapPost("/refresh", Refresh.HandleAsync).Validate<RefreshRequest>();
        anonymous.MapPost("/forgot-password", ForgotPassword.HandleAsync).Validate<ForgotPasswordRequest>()
            .RequireAccountRateLimiting<ForgotPasswordRequest>();
        anonymous.MapPost("/reset-password", ResetPassword.HandleAsync).Validate<ResetPasswordRequest>();
        auth.MapPost("/logout", Logout.HandleAsync).RequireAuthorization();
        return routes;
    }
}
