using System.Net;
using Alba;
using static Ticketing.Api.Tests.Identity.ProxiedRateLimitFactory;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// Behind a trusted proxy the auth windows count the forwarded client address; a forwarded header from anyone else
/// is ignored. On top of the window per address, login and forgot-password have one per account name. Each test
/// uses its own addresses and account names, since the windows outlast the class.
/// </summary>
public sealed class ProxiedRateLimitTests(ProxiedRateLimitFactory api) : IClassFixture<ProxiedRateLimitFactory>
{
    private const string AnyPassword = "Whatever-passw0rd";

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_window()
    {
        var first = From(TrustedProxy, "203.0.113.10");
        var second = From(ProxyInTrustedNetwork, "203.0.113.11");

        for (var i = 0; i < Permits; i++)
        {
            (await LoginStatusAsync(first, $"a-first-{i}")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        await LimitedAsync(first, s => s.Post.Json(new { login = "a-first-last", password = AnyPassword }).ToUrl("/api/auth/login"));
        (await LoginStatusAsync(second, "a-second")).ShouldBe(HttpStatusCode.Unauthorized, "another client behind the proxy is not blocked");
        (await LoginStatusAsync(From(TrustedProxy, "203.0.113.12"), "a-third"))
            .ShouldBe(HttpStatusCode.Unauthorized, "the proxy's own address is not what is counted");
    }

    [Fact]
    public async Task A_forwarded_header_from_an_untrusted_peer_is_ignored()
    {
        for (var i = 0; i < Permits; i++)
        {
            (await LoginStatusAsync(From("198.51.100.7", $"203.0.113.{100 + i}"), $"b-spoof-{i}")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        await LimitedAsync(From("198.51.100.7", "203.0.113.200"), s => s.Post.Json(new { login = "b-spoof-last", password = AnyPassword }).ToUrl("/api/auth/login"));
        (await LoginStatusAsync(From("198.51.100.8"), "b-other-peer")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Many_addresses_against_one_account_hit_the_account_window_and_other_accounts_still_work()
    {
        for (var i = 0; i < AccountPermits; i++)
        {
            (await LoginStatusAsync(From(TrustedProxy, $"192.0.2.{10 + i}"), i % 2 == 0 ? "c-victim" : "C-Victim ")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        var fresh = From(TrustedProxy, "192.0.2.99");
        await LimitedAsync(fresh, s => s.Post.Json(new { login = "c-victim", password = AnyPassword }).ToUrl("/api/auth/login"), retryAfter: true);
        await LimitedAsync(From(TrustedProxy, "192.0.2.98"), s => s.Post.Json(new { login = "C-VICTIM" }).ToUrl("/api/auth/forgot-password"));
        (await LoginStatusAsync(fresh, "c-bystander")).ShouldBe(HttpStatusCode.Unauthorized, "another account from the same address is not blocked");
    }

    [Fact]
    public async Task One_address_spraying_many_accounts_hits_the_address_window()
    {
        var sprayer = From(TrustedProxy, "192.0.2.150");
        for (var i = 0; i < Permits; i++)
        {
            (await LoginStatusAsync(sprayer, $"d-account-{i}")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        await LimitedAsync(sprayer, s => s.Post.Json(new { login = "d-account-new", password = AnyPassword }).ToUrl("/api/auth/login"), retryAfter: true);
        await LimitedAsync(sprayer, s => s.Post.Json(new { login = "d-account-other" }).ToUrl("/api/auth/forgot-password"));
    }

    private Task<HttpStatusCode> LoginStatusAsync(Action<Scenario> from, string login) =>
        api.Anonymous().StatusOfAsync(s =>
        {
            from(s);
            s.Post.Json(new { login, password = AnyPassword }).ToUrl("/api/auth/login");
        });

    /// <summary>The request from <paramref name="from"/> is refused with the 429 problem (and a Retry-After header when asked).</summary>
    private Task LimitedAsync(Action<Scenario> from, Action<Scenario> request, bool retryAfter = false) =>
        api.Anonymous().Scenario(s =>
        {
            from(s);
            request(s);
            s.ShouldBeProblem(HttpStatusCode.TooManyRequests, "auth.rate_limited");
            if (retryAfter)
            {
                s.Header("Retry-After").ShouldHaveOneNonNullValue();
            }
        });
}
