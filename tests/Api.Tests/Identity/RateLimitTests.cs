using System.Net;
using System.Net.Http.Json;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

public sealed class RateLimitTests(RateLimitedIdentityApiFactory api) : IClassFixture<RateLimitedIdentityApiFactory>
{
    [Fact]
    public async Task Auth_requests_beyond_the_window_permit_are_429_problems()
    {
        var client = api.CreateClient();
        for (var i = 0; i < RateLimitedIdentityApiFactory.Permits; i++)
        {
            (await client.LoginAsync("someone", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limitedLogin = await client.LoginAsync("someone", "Whatever-passw0rd");
        var limitedForgot = await client.PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = "someone" });

        await limitedLogin.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        limitedLogin.Headers.RetryAfter.ShouldNotBeNull();
        await limitedForgot.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        (await client.GetAsync(Url("/health/live"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
