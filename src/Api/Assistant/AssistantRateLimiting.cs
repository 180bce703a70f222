using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Ticketing.Api.Errors;
using Ticketing.Api.Identity;

namespace Ticketing.Api.Assistant;

/// <summary>
/// A fixed window per contact on the assistant's writing routes (<see cref="AssistantOptions.RateLimitPermits"/> per
/// <see cref="AssistantOptions.RateLimitWindow"/>): each message may cost a search and a model call. The window is the
/// contact's, not the address's, so colleagues behind one office address do not share it. 429 <c>assistant.rate_limited</c>.
/// </summary>
public static class AssistantRateLimiting
{
    public const string Policy = "assistant";
    public const string RateLimited = "assistant.rate_limited";

    public static IServiceCollection AddAssistantRateLimiting(this IServiceCollection services) => services.AddRateLimiter(options =>
        options.AddPolicy(Policy, http =>
        {
            var settings = http.RequestServices.GetRequiredService<AssistantOptions>();
            var key = http.User.Identity?.IsAuthenticated == true ? http.User.GetCurrentUser().UserId.ToString() : "anonymous";
            return RateLimitPartition.GetFixedWindowLimiter(
                key, _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RateLimitPermits, Window = settings.RateLimitWindow, QueueLimit = 0 });
        }));

    /// <summary>Whether the refused request was one of the assistant's (its 429 names the assistant's window).</summary>
    public static bool Refused(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy;

    public static ProblemDetails Problem() => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "Too many requests.",
        Detail = "Too many messages to the assistant; try again shortly.",
        Type = ProblemTypes.For(RateLimited),
        Extensions = { ["code"] = RateLimited },
    };
}
