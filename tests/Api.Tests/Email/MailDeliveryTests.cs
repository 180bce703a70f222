using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Application.Email;
using Ticketing.Api.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// Sending a <c>SendMail</c> message through a relay the test controls (ADR 0017): one file per mail with a Message-ID
/// from its id, a re-send after a failure is the same message, transient failures are retried after the back-off,
/// a mail that keeps failing or is refused for good goes to the dead letters, and its credentials never leave
/// <c>mail_secrets</c>, encrypted, which forgets them once the mail is out. A mail sent at the first attempt is waited for by
/// tracking the request; a retry is scheduled after a back-off (and a replayed dead letter is picked up by the
/// durability agent's polling), which a tracked session counts as done when it is scheduled or never sees, so those
/// tests wait for the pickup file or the dead letter instead.
/// </summary>
public sealed partial class MailDeliveryTests(FlakyRelayApiFactory api) : IClassFixture<FlakyRelayApiFactory>
{
    [Fact]
    public async Task A_queued_mail_becomes_one_eml_file_named_by_its_id_with_a_message_id_from_it_and_its_secret_is_forgotten()
    {
        var email = "";
        var requesting = await api.TrackedAsync(async () => email = await ResetRequestedAsync());

        var mailId = requesting.MailsSent(email, "password_reset").ShouldHaveSingleItem().MailId;
        var message = await api.PickedUpAsync(mailId);
        message.MessageId.ShouldBe($"{mailId:N}@{EmailApiFactory.FromDomain}");
        message.To.Mailboxes.Single().Address.ShouldBe(email);
        message.From.Mailboxes.Single().Address.ShouldBe($"help@{EmailApiFactory.FromDomain}");
        message.Subject!.ShouldContain("Passwort");
        message.TextBody!.ShouldMatch(@"\b\d{8}\b");
        message.HtmlBody!.ShouldContain("<p>");
        api.Relay.AttemptsOf(mailId).Count.ShouldBe(1);
        (await api.ScalarAsync<long>("select count(*) from mail_secrets where mail_id = $1", mailId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_mail_whose_sending_failed_after_it_went_out_is_sent_again_as_the_same_message_in_one_file()
    {
        var email = UniqueEmail("dropped");
        api.Relay.Fail(email, RelayFault.DropsAfterSending, times: 1);
        await ResetRequestedAsync(email);

        var mailId = (await api.SentMailsAsync(email, "password_reset")).Single();

        var attempts = api.Relay.AttemptsOf(mailId);
        attempts.Count.ShouldBe(2);
        attempts.Select(a => a.MessageId).Distinct().ShouldHaveSingleItem().ShouldBe($"{mailId:N}@{EmailApiFactory.FromDomain}");
        api.FilesOf(mailId).ShouldHaveSingleItem();
        (await api.PickedUpAsync(mailId)).MessageId.ShouldBe(attempts[0].MessageId);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_the_back_off()
    {
        var email = UniqueEmail("busy");
        api.Relay.Fail(email, RelayFault.Busy, times: 1);
        await ResetRequestedAsync(email);

        var mailId = (await api.SentMailsAsync(email, "password_reset")).Single();

        var attempts = api.Relay.AttemptsOf(mailId);
        attempts.Count.ShouldBe(2);
        (attempts[1].At - attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "the first back-off is 1 s");
        api.FilesOf(mailId).ShouldHaveSingleItem();
        (await api.ScalarAsync<long>("select count(*) from mail_secrets where mail_id = $1", mailId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_dead_lettered_after_max_attempts_without_its_secret_and_a_replay_sends_it()
    {
        var email = UniqueEmail("down");
        api.Relay.Fail(email, RelayFault.Busy);
        await ResetRequestedAsync(email);

        var letter = await DeadLetters.OfAsync(api, email);

        letter.ExceptionType.ShouldEndWith("IOException");
        letter.ExceptionMessage.ShouldContain("421");
        letter.MailKind.ShouldBe("password_reset");
        api.Relay.AttemptsTo(email).Count.ShouldBe(3);
        api.PickedUpMails(email, "password_reset").ShouldBeEmpty();
        var mailId = api.Relay.AttemptsTo(email)[0].MailId;
        var waiting = await StoredSecretsAsync(mailId);
        var deadLetters = await api.ScalarAsync<string>("select string_agg(encode(body, 'escape'), '') from wolverine_dead_letters");

        api.Relay.Heal(email);
        await DeadLetters.ReplayAsync(api, letter.Id);

        (await api.SentMailsAsync(email, "password_reset")).Single().ShouldBe(mailId);
        var code = ResetCode().Match((await api.PickedUpAsync(mailId)).TextBody!).Value;
        code.ShouldNotBeEmpty("the delivered mail carries the code");
        waiting.ShouldNotContain(code, Case.Sensitive, "the code waited encrypted");
        deadLetters.ShouldNotContain(code, Case.Sensitive, "the code is not in the dead letter");
        (await api.ScalarAsync<long>("select count(*) from mail_secrets where mail_id = $1", mailId)).ShouldBe(0);
        (await DeadLetters.ListAsync(api)).Items.ShouldNotContain(l => l.Id == letter.Id);
    }

    [Fact]
    public async Task A_welcome_mail_held_back_keeps_the_password_only_encrypted_until_it_is_delivered_and_then_forgets_it()
    {
        var email = UniqueEmail("held");
        api.Relay.Fail(email, RelayFault.Busy, kind: "welcome");
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync(), email: email);

        var letter = await DeadLetters.OfAsync(api, email, "welcome");
        var mailId = api.Relay.AttemptsTo(email, "welcome")[0].MailId;
        var waiting = await StoredSecretsAsync(mailId);
        waiting.ShouldNotContain(contact.Password, Case.Sensitive, "the password waits encrypted");
        waiting.ShouldNotContain("password", Case.Insensitive, "not even the names of the secrets are in clear");
        (await api.ScalarAsync<long>("select count(*) from wolverine_dead_letters where position(convert_to($1, 'UTF8') in body) > 0", contact.Password))
            .ShouldBe(0, "the password is not in the dead letter");

        api.Relay.Heal(email);
        await DeadLetters.ReplayAsync(api, letter.Id);

        (await api.SentMailsAsync(email, "welcome")).Single().ShouldBe(mailId);
        (await api.PickedUpAsync(mailId)).TextBody!.ShouldContain(contact.Password);
        (await api.ScalarAsync<long>("select count(*) from mail_secrets where mail_id = $1", mailId)).ShouldBe(0);
    }

    [Fact]
    public async Task Secrets_stored_in_clear_before_they_were_encrypted_are_still_sent_and_encrypted_by_the_upgrade_step()
    {
        var email = UniqueEmail("upgraded");
        api.Relay.Fail(email, RelayFault.Busy);
        await ResetRequestedAsync(email);
        var letter = await DeadLetters.OfAsync(api, email);
        var mailId = api.Relay.AttemptsTo(email)[0].MailId;
        var stranded = Guid.CreateVersion7();
        // As rows were written before secrets were encrypted: one of this mail, one of a mail still waiting.
        await api.ScalarAsync<object?>("""update mail_secrets set secret_values = '{"reset_code": "86420135"}' where mail_id = $1""", mailId);
        await api.ScalarAsync<object?>("""insert into mail_secrets (mail_id, secret_values) values ($1, '{"reset_code": "75319024"}')""", stranded);

        api.Relay.Heal(email);
        await DeadLetters.ReplayAsync(api, letter.Id);

        (await api.SentMailsAsync(email, "password_reset")).Single().ShouldBe(mailId);
        (await api.PickedUpAsync(mailId)).TextBody!.ShouldContain("86420135", Case.Sensitive, "a clear row written before the upgrade is read");
        var secrets = api.Services.GetRequiredService<MailSecrets>();
        (await secrets.ProtectClearRowsAsync(api.Services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        (await StoredSecretsAsync(stranded)).ShouldNotContain("75319024");
        (await secrets.FindAsync(api.Services.GetRequiredService<NpgsqlDataSource>(), stranded, CancellationToken.None))!["reset_code"].ShouldBe("75319024");
        await api.ScalarAsync<object?>("delete from mail_secrets where mail_id = $1", stranded);
    }

    [Fact]
    public async Task A_recipient_the_relay_refuses_for_good_is_dead_lettered_at_once()
    {
        var email = UniqueEmail("refused");
        api.Relay.Fail(email, RelayFault.RefusesRecipient);
        await ResetRequestedAsync(email);

        var letter = await DeadLetters.OfAsync(api, email);

        letter.ExceptionType.ShouldEndWith("PermanentDeliveryException");
        api.Relay.AttemptsTo(email).Count.ShouldBe(1);
    }

    [Fact]
    public void Retry_delays_double_up_to_the_maximum()
    {
        var options = new MailDeliveryOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5), MaxAttempts = 8 };

        options.RetryDelay(1).ShouldBe(TimeSpan.FromSeconds(30));
        options.RetryDelay(2).ShouldBe(TimeSpan.FromMinutes(1));
        options.RetryDelay(4).ShouldBe(TimeSpan.FromMinutes(4));
        options.RetryDelay(5).ShouldBe(TimeSpan.FromMinutes(5));
        options.RetryDelay(60).ShouldBe(TimeSpan.FromMinutes(5));
        options.RetryDelays().Length.ShouldBe(7, "seven waits between eight attempts");
    }

    /// <summary>The <c>mail_secrets</c> row of a mail as stored: no endpoint shows it, so this reads the table.</summary>
    private Task<string> StoredSecretsAsync(Guid mailId) =>
        api.ScalarAsync<string>("select secret_values::text from mail_secrets where mail_id = $1", mailId);

    [GeneratedRegex(@"(?<!\d)\d{8}(?!\d)")]
    private static partial Regex ResetCode();

    /// <summary>A German contact (of the given address) asks for a reset code through HTTP; returns the address.</summary>
    private async Task<string> ResetRequestedAsync(string? email = null)
    {
        var admin = await api.SignInAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync(), email: email);
        await api.Scenario(s =>
        {
            s.Post.Json(new { login = contact.Email }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        return contact.Email;
    }
}
