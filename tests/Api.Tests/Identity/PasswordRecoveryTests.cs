using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
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
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var unknownEmail = UniqueEmail("ghost");

        HttpResponseMessage unknown = null!, known = null!;
        var session = await api.TrackedAsync(async () =>
        {
            unknown = await api.CreateClient().PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = unknownEmail });
            known = await api.CreateClient().PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = contact.Email });
        });

        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
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
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var session = api.WithToken(await api.TokenAsync(contact.Username, contact.Password));
        var code = await RequestCodeAsync(contact.Email);

        var reset = await ResetAsync(contact.Username, code, NewPassword);
        var again = await ResetAsync(contact.Username, code, "Another-passw0rd");

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await again.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        (await session.GetAsync(Url("/api/me"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.CreateClient().LoginAsync(contact.Username, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var code = await RequestCodeAsync(contact.Email);

        api.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var response = await ResetAsync(contact.Email, code, NewPassword);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        (await api.CreateClient().LoginAsync(contact.Username, contact.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_code_is_refused()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var code = await RequestCodeAsync(contact.Email);
        var wrong = code == "00000000" ? "11111111" : "00000000";

        for (var i = 0; i < 5; i++)
        {
            await (await ResetAsync(contact.Email, wrong, NewPassword)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        }

        await (await ResetAsync(contact.Email, code, NewPassword)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
        (await api.ScalarAsync<int>("select attempts from password_reset_codes where user_id = $1", contact.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task A_reset_for_an_unknown_account_is_the_same_422()
    {
        var response = await ResetAsync(UniqueEmail("ghost"), "12345678", NewPassword);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "auth.reset_code_invalid");
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_for_fifteen_minutes_and_a_reset_lifts_it()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        for (var i = 0; i < 5; i++)
        {
            await (await api.CreateClient().LoginAsync(contact.Username, "Wrong-passw0rd")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }

        var whileLocked = await api.CreateClient().LoginAsync(contact.Username, contact.Password);
        api.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await api.CreateClient().LoginAsync(contact.Username, contact.Password);
        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var afterLockout = await api.CreateClient().LoginAsync(contact.Username, contact.Password);

        await whileLocked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await stillLocked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        afterLockout.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.ScalarAsync<long>("select count(*) from audit_log where entity_id = $1 and action = 'user.locked_out'", contact.Id)).ShouldBe(1);

        for (var i = 0; i < 5; i++)
        {
            await api.CreateClient().LoginAsync(contact.Username, "Wrong-passw0rd");
        }

        await ResetAsync(contact.Username, await RequestCodeAsync(contact.Email), NewPassword);
        (await api.CreateClient().LoginAsync(contact.Username, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<string> RequestCodeAsync(string email)
    {
        var code = await api.RequestResetCodeAsync(email, email);
        EightDigits().IsMatch(code).ShouldBeTrue();
        return code;
    }

    private Task<HttpResponseMessage> ResetAsync(string login, string code, string newPassword) =>
        api.CreateClient().PostAsJsonAsync(Url("/api/auth/reset-password"), new { login, code, newPassword });

    [GeneratedRegex(@"\b\d{8}\b")]
    private static partial Regex EightDigits();
}
