using System.Net;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Xunit.Abstractions;

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

        int? lockedAfter = null;
        for (var guess = 1; lockedAfter is null && guess <= 3 * settings.MaxFailedLogins; guess++)
        {
            ShouldBeProblem(await LoginAsync(victim.Username, $"Guess-number-{guess:D4}"), HttpStatusCode.Unauthorized, "auth.invalid_credentials");
            lockedAfter = await LockedAsync(admin, victim.Id) ? guess : null;
        }

        var rightWhileLocked = await LoginAsync(victim.Username, victim.Password);
        var wrongDetail = Detail(await LoginAsync(victim.Email, "Guess-by-email-1"));

        int? limitedAt = null;
        IScenarioResult? refused = null;
        for (var spray = 0; limitedAt is null && spray < 4 * settings.RateLimitPermits; spray++)
        {
            var response = await LoginAsync(others[spray % others.Length].Username, $"Spray-guess-{spray:D4}");
            if (response.Status() == HttpStatusCode.TooManyRequests)
            {
                (limitedAt, refused) = (_authRequests, response);
            }
        }

        var validAfterLimit = await LoginAsync(IdentityApiFactory.AdminEmail, IdentityApiFactory.AdminPassword);
        IScenarioResult? forgotAfterLimit = null;
        var forgetting = await api.TrackedAsync(async () => forgotAfterLimit = await AuthRequestAsync(s => s.Post.Json(new { login = victim.Email }).ToUrl("/api/auth/forgot-password")));

        var retryAfter = refused?.Context.Response.Headers.RetryAfter.ToString();
        Print($"configured: max failed logins {settings.MaxFailedLogins}, lockout {settings.LockoutDuration}, rate limit {settings.RateLimitPermits} per {settings.RateLimitWindow}");
        Print($"measured: account locked after guess {lockedAfter}; first 429 at auth request {limitedAt} of {_authRequests} sent; Retry-After {retryAfter}");
        lockedAfter.ShouldBe(settings.MaxFailedLogins);
        ShouldBeProblem(rightWhileLocked, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Detail(rightWhileLocked).ShouldBe(wrongDetail, "a locked account answers exactly like a wrong password");
        limitedAt.ShouldBe(settings.RateLimitPermits + 1);
        ShouldBeProblem(refused!, HttpStatusCode.TooManyRequests, "auth.rate_limited");
        retryAfter.ShouldNotBeNullOrEmpty();
        ShouldBeProblem(validAfterLimit, HttpStatusCode.TooManyRequests, "auth.rate_limited");
        ShouldBeProblem(forgotAfterLimit!, HttpStatusCode.TooManyRequests, "auth.rate_limited");
        foreach (var other in others)
        {
            (await LockedAsync(admin, other.Id)).ShouldBeFalse("spread guesses stay under each account's lockout; only the rate limit stops them");
        }

        // No endpoint lists a user's audit rows.
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'user.locked_out'", victim.Id)).ShouldBe(1);
        forgetting.MailsSent(victim.Email).ShouldBeEmpty();
        api.PickedUpMails(victim.Email, "password_reset").ShouldBeEmpty();
    }

    /// <summary>The administrator's sign-in is an auth request of this address too, so it is counted.</summary>
    private async Task<ApiUser> SignInAdminAsync()
    {
        _authRequests++;
        return await api.SignInAdminAsync();
    }

    private Task<IScenarioResult> LoginAsync(string login, string password) =>
        AuthRequestAsync(s => s.Post.Json(new { login, password }).ToUrl("/api/auth/login"));

    /// <summary>An anonymous auth request from the attacker's address, counted, whatever its answer (the test reads it afterwards).</summary>
    private Task<IScenarioResult> AuthRequestAsync(Action<Scenario> request)
    {
        _authRequests++;
        return api.Scenario(s =>
        {
            request(s);
            s.IgnoreStatusCode();
        });
    }

    private static void ShouldBeProblem(IScenarioResult response, HttpStatusCode status, string code)
    {
        response.Status().ShouldBe(status, response.ReadAsText());
        response.ShouldBeProblem(code);
    }

    private static async Task<bool> LockedAsync(ApiUser admin, Guid contactId) =>
        (await admin.GetAsync<ContactBody>($"/api/contacts/{contactId}")).LockedUntil is not null;

    private static string Detail(IScenarioResult response) => response.Problem().Detail.ShouldNotBeNull();

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
