using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Xunit.Abstractions;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// One address guessing passwords: the guessed account locks after the configured number of failures (and then
/// refuses even its right password), guesses spread over other accounts stay under their lockout, and the address's
/// rate limit stops both at the same request count, valid credentials included.
/// </summary>
public sealed class BruteForceTests(BruteForceApiFactory api, ITestOutputHelper output) : IClassFixture<BruteForceApiFactory>
{
    private int _authRequests;

    [Fact]
    public async Task Guessing_locks_the_account_and_then_the_address_is_rate_limited()
    {
        var settings = api.Services.GetRequiredService<IOptions<AuthSettings>>().Value;
        var admin = await SignInAdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var victim = await admin.CreateContactAsync(customer);
        CreatedContact[] others = [await admin.CreateContactAsync(customer), await admin.CreateContactAsync(customer), await admin.CreateContactAsync(customer)];
        var attacker = api.CreateClient();

        int? lockedAfter = null;
        for (var guess = 1; lockedAfter is null && guess <= 3 * settings.MaxFailedLogins; guess++)
        {
            await (await LoginAsync(attacker, victim.Username, $"Guess-number-{guess:D4}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
            lockedAfter = await LockedAsync(admin, victim.Id) ? guess : null;
        }

        var rightWhileLocked = await LoginAsync(attacker, victim.Username, victim.Password);
        var wrongDetail = await DetailAsync(await LoginAsync(attacker, victim.Email, "Guess-by-email-1"));

        int? limitedAt = null;
        HttpResponseMessage? refused = null;
        for (var spray = 0; limitedAt is null && spray < 4 * settings.RateLimitPermits; spray++)
        {
            var response = await LoginAsync(attacker, others[spray % others.Length].Username, $"Spray-guess-{spray:D4}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                (limitedAt, refused) = (_authRequests, response);
            }
        }

        var validAfterLimit = await LoginAsync(api.CreateClient(), IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        HttpResponseMessage? forgotAfterLimit = null;
        var forgetting = await api.TrackedAsync(async () =>
            forgotAfterLimit = await CountedAsync(api.CreateClient().PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = victim.Email })));

        Print($"configured: max failed logins {settings.MaxFailedLogins}, lockout {settings.LockoutDuration}, rate limit {settings.RateLimitPermits} per {settings.RateLimitWindow}");
        Print($"measured: account locked after guess {lockedAfter}; first 429 at auth request {limitedAt} of {_authRequests} sent; Retry-After {refused?.Headers.RetryAfter}");
        lockedAfter.ShouldBe(settings.MaxFailedLogins);
        await rightWhileLocked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        (await DetailAsync(rightWhileLocked)).ShouldBe(wrongDetail, "a locked account answers exactly like a wrong password");
        limitedAt.ShouldBe(settings.RateLimitPermits + 1);
        await refused!.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        refused!.Headers.RetryAfter.ShouldNotBeNull();
        await validAfterLimit.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        await forgotAfterLimit!.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate_limited");
        foreach (var other in others)
        {
            (await LockedAsync(admin, other.Id)).ShouldBeFalse("spread guesses stay under each account's lockout; only the rate limit stops them");
        }

        // No endpoint lists a user's audit rows.
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'user.locked_out'", victim.Id)).ShouldBe(1);
        forgetting.MailsSent(victim.Email).ShouldBeEmpty();
        api.PickedUpMails(victim.Email, "password_reset").ShouldBeEmpty();
    }

    private async Task<HttpClient> SignInAdminAsync()
    {
        var response = await LoginAsync(api.CreateClient(), IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return api.WithToken((await response.Content.ReadFromJsonAsync<TokenResponse>(ApiUserScenarios.Contract))!.AccessToken);
    }

    private Task<HttpResponseMessage> LoginAsync(HttpClient client, string login, string password) => CountedAsync(client.LoginAsync(login, password));

    private async Task<HttpResponseMessage> CountedAsync(Task<HttpResponseMessage> authRequest)
    {
        _authRequests++;
        return await authRequest;
    }

    private static async Task<bool> LockedAsync(HttpClient admin, Guid contactId) =>
        (await admin.GetFromJsonAsync<ContactBody>(Url($"/api/contacts/{contactId}"), ApiUserScenarios.Contract))!.LockedUntil is not null;

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ApiProblem>(ApiUserScenarios.Contract))!.Detail.ShouldNotBeNull();

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
