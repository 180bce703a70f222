using System.Net;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Portal;

/// <summary>A host whose per-address auth window (3 requests an hour) outlasts the test, so the refused request is known.</summary>
public sealed class PortalPageRateLimitFactory : IdentityApiFactory
{
    public const int Permits = 3;

    protected override int RateLimitPermits => Permits;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Auth:RateLimitWindow", "01:00:00");
    }
}

/// <summary>
/// ADR 0025: the sign-in, forgot-password and reset-password pages share the per-address window of <c>/api/auth/*</c>;
/// a page it refuses answers as a page, in the page's language, with the same 429 and Retry-After, while the API keeps
/// its problem details.
/// </summary>
public sealed class PortalPageRateLimitTests(PortalPageRateLimitFactory api) : IClassFixture<PortalPageRateLimitFactory>
{
    [Fact]
    public async Task A_rate_limited_portal_page_is_a_page_in_its_language_with_429_and_Retry_After_and_the_API_stays_a_problem()
    {
        var client = api.Anonymous();
        for (var i = 0; i < PortalPageRateLimitFactory.Permits; i++)
        {
            await client.Scenario(s =>
            {
                s.Get.Url("/portal/forgot-password");
                s.StatusCodeShouldBeOk();
            });
        }

        var german = await client.Scenario(s =>
        {
            s.Get.Url("/portal/forgot-password");
            s.WithRequestHeader("Accept-Language", "de-DE, de;q=0.9");
            s.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
            s.Header("Retry-After").ShouldHaveOneNonNullValue();
        });
        german.Context.Response.ContentType.ShouldStartWith("text/html");
        var html = WebUtility.HtmlDecode(german.ReadAsText());
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<html lang=\"de\" dir=\"ltr\">");
        html.ShouldContain("Zu viele Anfragen. Bitte warten Sie eine Minute und versuchen Sie es erneut.");
        html.ShouldContain("href=\"/portal/sign-in\"");
        html.ShouldNotContain("auth.rate_limited");
        german.Context.Response.Headers.ContentSecurityPolicy.ToString().ShouldContain("default-src 'none'");

        // The sign-in page's POST and the reset page too, here in Hebrew, right to left.
        foreach (var (method, url) in new[] { ("POST", "/portal/sign-in"), ("GET", "/portal/reset-password") })
        {
            var hebrew = await client.Scenario(s =>
            {
                if (method == "POST")
                {
                    s.Post.FormData(new Dictionary<string, string> { ["login"] = "someone", ["password"] = "Whatever-passw0rd" }).ToUrl(url);
                }
                else
                {
                    s.Get.Url(url);
                }

                s.WithRequestHeader("Accept-Language", "he");
                s.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
                s.Header("Retry-After").ShouldHaveOneNonNullValue();
            });
            hebrew.Context.Response.ContentType.ShouldStartWith("text/html");
            var text = WebUtility.HtmlDecode(hebrew.ReadAsText());
            text.ShouldContain("<html lang=\"he\" dir=\"rtl\">");
            text.ShouldContain("יותר מדי בקשות. המתינו דקה ונסו שוב.");
        }

        // The API's credential endpoints, in the same window, still answer with their problem.
        await client.ProblemAsync(s => s.Post.Json(new { login = "someone", password = "Whatever-passw0rd" }).ToUrl("/api/auth/login"),
            HttpStatusCode.TooManyRequests, "auth.rate_limited");
    }
}
