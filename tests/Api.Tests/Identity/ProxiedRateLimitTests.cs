using System.Net;
using System.Net.Http.Json;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// Behind a trusted proxy the auth windows count the forwarded client address; a forwarded header from anyone else
/// is ignored. On top of the window per address, login and forgot-password have one per account name. Each test
/// uses its own addresses and account names, since the windows outlast the class.
/// </summary>
public sealed class ProxiedRateLimitTests(ProxiedRateLimitFactory api) : IClassFixture<ProxiedRateLimitFactory>
{
    private const int Permits = ProxiedRateLimitFactory.Permits;

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_window()
    {
        var first = api.ClientFrom(ProxiedRateLimitFactory.TrustedProxy, "203.0.113.10");
        var second = api.ClientFrom(ProxiedRateLimitFactory.ProxyInTrustedNetwork, "203.0.113.11");

        for (var i = 0; i < Permits; i++)
        {
            (await first.LoginAsync($"a-first-{i}", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await (await first.LoginAsync("a-first-last", "Whatever-passw0rd")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        (await second.LoginAsync("a-second", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another client behind the proxy is not blocked");
        (await api.ClientFrom(ProxiedRateLimitFactory.TrustedProxy, "203.0.113.12").LoginAsync("a-third", "Whatever-passw0rd"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the proxy's own address is not what is counted");
    }

    [Fact]
    public async Task A_forwarded_header_from_an_untrusted_peer_is_ignored()
    {
        for (var i = 0; i < Permits; i++)
        {
            var spoofing = api.ClientFrom("198.51.100.7", $"203.0.113.{100 + i}");
            (await spoofing.LoginAsync($"b-spoof-{i}", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limited = await api.ClientFrom("198.51.100.7", "203.0.113.200").LoginAsync("b-spoof-last", "Whatever-passw0rd");

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        (await api.ClientFrom("198.51.100.8").LoginAsync("b-other-peer", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Many_addresses_against_one_account_hit_the_account_window_and_other_accounts_still_work()
    {
        for (var i = 0; i < ProxiedRateLimitFactory.AccountPermits; i++)
        {
            var client = api.ClientFrom(ProxiedRateLimitFactory.TrustedProxy, $"192.0.2.{10 + i}");
            (await client.LoginAsync(i % 2 == 0 ? "c-victim" : "C-Victim ", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var fresh = api.ClientFrom(ProxiedRateLimitFactory.TrustedProxy, "192.0.2.99");
        var limitedLogin = await fresh.LoginAsync("c-victim", "Whatever-passw0rd");
        var limitedForgot = await api.ClientFrom(ProxiedRateLimitFactory.TrustedProxy, "192.0.2.98")
            .PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = "C-VICTIM" });
        var otherAccount = await fresh.LoginAsync("c-bystander", "Whatever-passw0rd");

        await limitedLogin.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        limitedLogin.Headers.RetryAfter.ShouldNotBeNull();
        await limitedForgot.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        otherAccount.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another account from the same address is not blocked");
    }

    [Fact]
    public async Task One_address_spraying_many_accounts_hits_the_address_window()
    {
        var sprayer = api.ClientFrom(ProxiedRateLimitFactory.TrustedProxy, "192.0.2.150");
        for (var i = 0; i < Permits; i++)
        {
            (await sprayer.LoginAsync($"d-account-{i}", "Whatever-passw0rd")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limitedLogin = await sprayer.LoginAsync("d-account-new", "Whatever-passw0rd");
        var limitedForgot = await sprayer.PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = "d-account-other" });

        await limitedLogin.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        limitedLogin.Headers.RetryAfter.ShouldNotBeNull();
        await limitedForgot.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
    }
}
