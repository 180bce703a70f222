using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Ticketing.Api.Tests.Email;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Identity;

/// <summary>Lockout and reset codes, on a host whose clock the tests move.</summary>
public sealed partial class PasswordRecoveryTests(ClockedIdentityApiFactory api) : IClassFixture<ClockedIdentityApiFactory>
{
    private const string NewPassword = "Reset-passw0rd-ok";

    [Fact]
    public async Task Forgot_password_is_202_for_unknown_and_known_accounts_and_only_a_known_one_gets_a_mail()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var unknownEmail = UniqueEmail("ghost");

        var session = await api.TrackedAsync(async () =>
        {
            await ForgotPasswordAsync(unknownEmail);
            await ForgotPasswordAsync(contact.Email);
        });

        session.MailsSent(unknownEmail).ShouldBeEmpty();
        var mail = await api.SentMailAsync(session, contact.Email, "password_reset");
        mail.Subject!.ShouldContain("Passwort");
        var code = MailHttp.ResetCode().Match(mail.TextBody!).Value;
        EightDigits().IsMatch(code).ShouldBeTrue();
        (await api.ScalarAsync<string>("select code_hash from password_reset_codes where user_id = $1", contact.Id)).ShouldNotContain(code);
    }

    [Fact]
    public async Task A_reset_code_sets_the_password_once_and_ends_every_session()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var session = await api.SignInAsync(contact);
        var code = await RequestCodeAsync(contact.Email);

        await api.ResetPasswordAsync(contact.Username, code, NewPassword);
        await api.RefusedResetAsync(contact.Username, code, "Another-passw0rd");

        (await session.StatusOfAsync(s => s.Get.Url("/api/me"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await api.LoginStatusAsync(contact.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var code = await RequestCodeAsync(contact.Email);

        api.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        await api.RefusedResetAsync(contact.Email, code, NewPassword);
        (await api.LoginStatusAsync(contact.Username, contact.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_code_is_refused()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var code = await RequestCodeAsync(contact.Email);
        var wrong = code == "00000000" ? "11111111" : "00000000";

        for (var i = 0; i < 5; i++)
        {
            await api.RefusedResetAsync(contact.Email, wrong, NewPassword);
        }

        await api.RefusedResetAsync(contact.Email, code, NewPassword);
        (await api.ScalarAsync<int>("select attempts from password_reset_codes where user_id = $1", contact.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task A_reset_for_an_unknown_account_is_the_same_422()
    {
        await api.RefusedResetAsync(UniqueEmail("ghost"), "12345678", NewPassword);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_for_fifteen_minutes_and_a_reset_lifts_it()
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        for (var i = 0; i < 5; i++)
        {
            await api.RefusedLoginAsync(contact.Username, "Wrong-passw0rd");
        }

        await api.RefusedLoginAsync(contact.Username, contact.Password);
        api.Clock.Advance(TimeSpan.FromMinutes(14));
        await api.RefusedLoginAsync(contact.Username, contact.Password);
        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await api.LoginStatusAsync(contact.Username, contact.Password)).ShouldBe(HttpStatusCode.OK);
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'user.locked_out'", contact.Id)).ShouldBe(1);

        for (var i = 0; i < 5; i++)
        {
            await api.LoginStatusAsync(contact.Username, "Wrong-passw0rd");
        }

        await api.ResetPasswordAsync(contact.Username, await RequestCodeAsync(contact.Email), NewPassword);
        (await api.LoginStatusAsync(contact.Username, NewPassword)).ShouldBe(HttpStatusCode.OK);
    }

    private async Task<string> RequestCodeAsync(string email)
    {
        var code = await api.RequestResetCodeAsync(email, email);
        EightDigits().IsMatch(code).ShouldBeTrue();
        return code;
    }

    /// <summary>Forgot-password answers 202 whether or not the account exists.</summary>
    private Task<IScenarioResult> ForgotPasswordAsync(string login) => api.Scenario(s =>
    {
        s.Post.Json(new { login }).ToUrl("/api/auth/forgot-password");
        s.StatusCodeShouldBe(HttpStatusCode.Accepted);
    });

    [GeneratedRegex(@"\b\d{8}\b")]
    private static partial Regex EightDigits();
}
