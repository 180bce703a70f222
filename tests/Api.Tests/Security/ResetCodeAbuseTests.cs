using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.Api.Identity;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Xunit.Abstractions;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

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
        var admin = await api.AdminAsync();
        var early = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var late = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var earlyCode = await RequestCodeAsync(early.Email);
        var lateCode = await RequestCodeAsync(late.Email);

        api.Clock.Advance(Settings.ResetCodeLifetime - TimeSpan.FromSeconds(1));
        var beforeExpiry = await ResetAsync(early.Email, earlyCode);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await ResetAsync(late.Email, lateCode);

        Print($"reset code lifetime: {Settings.ResetCodeLifetime}; at lifetime - 1 s: {(int)beforeExpiry.StatusCode}; at lifetime: {(int)atExpiry.StatusCode}");
        beforeExpiry.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await atExpiry.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        (await api.CreateClient().LoginAsync(late.Username, late.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_code_voids_the_previous_one_and_each_code_works_once()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var first = await RequestCodeAsync(contact.Email);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await RequestCodeAsync(contact.Email);

        var withFirst = await ResetAsync(contact.Email, first);
        var withSecond = await ResetAsync(contact.Email, second);
        var secondAgain = await ResetAsync(contact.Email, second);

        if (first != second)
        {
            await withFirst.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        }

        withSecond.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await secondAgain.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        // No endpoint shows reset codes: the table says none is left open.
        (await api.ScalarAsync<long>("select count(*) from password_reset_codes where user_id = $1 and used_at is null", contact.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Guesses_fired_all_at_once_cannot_pass_the_attempt_limit()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var code = await RequestCodeAsync(contact.Email);
        var limit = Settings.ResetCodeMaxAttempts;
        var guesses = Enumerable.Range(0, 4 * limit).Select(_ => WrongGuess(code)).ToList();

        var answers = await Task.WhenAll(guesses.Select(guess => ResetAsync(contact.Email, guess)));
        var counted = await api.ScalarAsync<int>("select attempts from password_reset_codes where user_id = $1", contact.Id); // no endpoint shows it
        var rightCodeAfterwards = await ResetAsync(contact.Email, code);

        var space = Math.Pow(10, code.Length);
        Print($"code: {code.Length} digits, space {space:N0}; attempt limit {limit}; concurrent wrong guesses {guesses.Count}, counted {counted}");
        Print($"chance that one code falls to its {limit} allowed guesses: {limit / space:E1}");
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.UnprocessableEntity);
        counted.ShouldBe(limit);
        await rightCodeAfterwards.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        (await api.CreateClient().LoginAsync(contact.Username, contact.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
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

    private Task<HttpResponseMessage> ResetAsync(string login, string code) =>
        api.CreateClient().PostAsJsonAsync(Url("/api/auth/reset-password"), new { login, code, newPassword = NewPassword });

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
