using System.Net;

namespace Ticketing.Api.Tests.Identity;

public sealed class RateLimitTests(RateLimitedIdentityApiFactory api) : IClassFixture<RateLimitedIdentityApiFactory>
{
    [Fact]
    public async Task Auth_requests_beyond_the_window_permit_are_429_problems()
    {
        var client = api.Anonymous();
        for (var i = 0; i < RateLimitedIdentityApiFactory.Permits; i++)
        {
            await client.ProblemAsync(s => s.Post.Json(new { login = "someone", password = "Whatever-passw0rd" }).ToUrl("/api/auth/login"),
                HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }

        await client.Scenario(s =>
        {
            s.Post.Json(new { login = "someone", password = "Whatever-passw0rd" }).ToUrl("/api/auth/login");
            s.ShouldBeProblem(HttpStatusCode.TooManyRequests, "auth.rate_limited");
            s.Header("Retry-After").ShouldHaveOneNonNullValue();
        });
        await client.ProblemAsync(s => s.Post.Json(new { login = "someone" }).ToUrl("/api/auth/forgot-password"),
            HttpStatusCode.TooManyRequests, "auth.rate_limited");
        await client.Scenario(s => s.Get.Url("/health/live"));
    }
}
