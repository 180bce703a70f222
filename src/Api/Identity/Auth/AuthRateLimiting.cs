using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Ticketing.Api.Errors;

namespace Ticketing.Api.Identity.Auth;

/// <summary>
/// A fixed window per client IP on the credential endpoints, against password guessing across accounts
/// (the per-account lockout cannot see that) and against reset-mail flooding; login and forgot-password also have a
/// window per account (<see cref="AccountRateLimiter"/>). The client IP is the forwarded one only behind a configured
/// trusted proxy (<see cref="Hosting.TrustedProxies"/>). Rejections are 429 problems; a portal page's is a page in its language
/// (<see cref="Portal.Web.PortalRateLimitPage"/>).
/// </summary>
public static class AuthRateLimiting
{
    public const string Policy = "auth";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, http =>
        {
            var settings = http.RequestServices.GetRequiredService<IOptions<AuthSettings>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RateLimitPermits, Window = settings.RateLimitWindow, QueueLimit = 0 });
        });
        options.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            SetRetryAfter(http, context.Lease);
            if (Portal.Web.PortalRateLimitPage.Serves(http))
            {
                await Portal.Web.PortalRateLimitPage.WriteAsync(http);
                return;
            }

            if (Assistant.AssistantRateLimiting.Refused(http))
            {
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Assistant.AssistantRateLimiting.Problem() });
                return;
            }

            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Problem() });
        };
    });

    /// <summary>The 429 problem of both windows, per address and per account; it does not say which one refused.</summary>
    public static ProblemDetails Problem() => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "Too many requests.",
        Detail = "Too many sign-in or password requests from this address or for this account; try again later.",
        Type = ProblemTypes.For(AuthProblems.RateLimited),
        Extensions = { ["code"] = AuthProblems.RateLimited },
    };

    public static void SetRetryAfter(HttpContext http, RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Adds the per-account window of <see cref="AccountRateLimiter"/> to an endpoint whose body names an account.</summary>
    public static RouteHandlerBuilder RequireAccountRateLimiting<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : IAccountRequest =>
        endpoint.AddEndpointFilter<AccountRateLimitFilter<TRequest>>();
}
