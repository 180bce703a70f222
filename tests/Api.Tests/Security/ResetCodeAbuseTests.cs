using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Xunit.Abstractions;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// Reset codes under attack, beyond the basics in <see cref="PasswordRecoveryTests"/>: the exact expiry instant, a newer
/// code voiding the older one, and guesses fired at once that still cannot pass the attempt limit.
/// </summary>
public sealed partial class ResetCodeAbuseTests(ClockedIdentityApiFactory api, ITestOutputHelper output) : IClassFixture<ClockedIdentityApiFactory>
{
    private const string NewPassword = "Recovered-passw0rd";

    private AuthSettings Settings => api.Services.GetRequiredService<IOptions<AuthSettings>>().Value;

    [Fact]
    public async Task A_code_works_one_second_before_it_expires_and_not_at_the_expiry_instant()
    {
        var admin = await api.SignInAdminAsync();
        var early = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var late = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var earlyCode = await RequestCodeAsync(early.Email);
        var lateCode = await RequestCodeAsync(late.Email);

        api.Clock.Advance(Settings.ResetCodeLifetime - TimeSpan.FromSeconds(1));
        var beforeExpiry = await ResetAnsweredAsync(early.Email, earlyCode);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await ResetAnsweredAsync(late.Email, lateCode);

        Print($"reset code lifetime: {Settings.ResetCodeLifetime}; at lifetime - 1 s: {beforeExpiry.Status()}; at lifetime: {atExpiry.Status()}");
        beforeExpiry.Status().ShouldBe(HttpStatusCode.NoContent);
        atExpiry.Status().ShouldBe(HttpStatusCode.UnprocessableEntity);
        atExpiry.ShouldBeProblem("auth.reset_code_invalid");
        (await api.LoginStatusAsync(late.Username, late.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_code_voids_the_previous_one_and_each_code_works_once()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var first = await RequestCodeAsync(contact.Email);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await RequestCodeAsync(contact.Email);

        if (first != second)
        {
            await api.RefusedResetAsync(contact.Email, first, NewPassword);
        }

        await api.ResetPasswordAsync(contact.Email, second, NewPassword);
        await api.RefusedResetAsync(contact.Email, second, NewPassword);
        // No endpoint shows reset codes: the table says none is left open.
        (await api.ScalarAsync<long>("select count(*) from password_reset_codes where user_id = $1 and used_at is null", contact.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Guesses_fired_all_at_once_cannot_pass_the_attempt_limit()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var code = await RequestCodeAsync(contact.Email);
        var limit = Settings.ResetCodeMaxAttempts;
        var guesses = Enumerable.Range(0, 4 * limit).Select(_ => WrongGuess(code)).ToList();

        var answers = await Task.WhenAll(guesses.Select(guess => ResetAnsweredAsync(contact.Email, guess)));
        var counted = await api.ScalarAsync<int>("select attempts from password_reset_codes where user_id = $1", contact.Id); // no endpoint shows it

        var space = Math.Pow(10, code.Length);
        Print($"code: {code.Length} digits, space {space:N0}; attempt limit {limit}; concurrent wrong guesses {guesses.Count}, counted {counted}");
        Print($"chance that one code falls to its {limit} allowed guesses: {limit / space:E1}");
        answers.ShouldAllBe(a => a.Status() == HttpStatusCode.UnprocessableEntity);
        counted.ShouldBe(limit);
        await api.RefusedResetAsync(contact.Email, code, NewPassword);
        (await api.LoginStatusAsync(contact.Username, contact.Password)).ShouldBe(HttpStatusCode.OK);
    }

    private static string WrongGuess(string code)
    {
        string guess;
        do
        {
            guess = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        }
        while (guess == code);
        return guess;
    }

    private Task<string> RequestCodeAsync(string email) => api.RequestResetCodeAsync(email, email);

    /// <summary>A reset whatever its answer; the test reads the status after the fact, so the figures are printed before any assertion fails.</summary>
    private Task<IScenarioResult> ResetAnsweredAsync(string login, string code) => api.Scenario(s =>
    {
        s.Post.Json(new { login, code, newPassword = NewPassword }).ToUrl("/api/auth/reset-password");
        s.IgnoreStatusCode();
    });

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
