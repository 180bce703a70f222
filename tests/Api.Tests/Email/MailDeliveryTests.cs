using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Npgsql;
using Ticketing.Api.Email;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Tests.Identity;
using static Ticketing.Api.Tests.Identity.IdentityHttp;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// Delivery passes run by the test on a host whose background worker is off, with a clock the test moves: the
/// pickup folder, the crash between sending and marking, transient failures with back-off, giving up.
/// </summary>
public sealed class MailDeliveryTests(ManualDeliveryApiFactory api) : IClassFixture<ManualDeliveryApiFactory>
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow.AddMinutes(1));

    [Fact]
    public async Task A_queued_mail_becomes_one_eml_file_named_by_its_row_with_a_stable_message_id()
    {
        var (email, rowId) = await ResetMailQueuedAsync();

        await Delivery(Pickup).DeliverDueAsync(CancellationToken.None);

        var message = await api.PickedUpAsync(rowId);
        message.MessageId.ShouldBe($"{rowId:N}@{EmailApiFactory.FromDomain}");
        message.To.Mailboxes.Single().Address.ShouldBe(email);
        message.From.Mailboxes.Single().Address.ShouldBe($"help@{EmailApiFactory.FromDomain}");
        message.Subject!.ShouldContain("Passwort");
        message.TextBody!.ShouldMatch(@"\b\d{8}\b");
        message.HtmlBody!.ShouldContain("<p>");
        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1", rowId)).ShouldBe("sent");
        (await api.ScalarAsync<int>("select attempts from mail_outbox where id = $1", rowId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_crash_after_sending_and_before_marking_sends_again_after_the_lease_with_the_same_message_id_and_one_file()
    {
        var (_, rowId) = await ResetMailQueuedAsync();
        using var crash = new CancellationTokenSource();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            Delivery(new CrashAfterSending(Pickup, rowId, crash)).DeliverDueAsync(crash.Token));
        var firstMessageId = (await api.PickedUpAsync(rowId)).MessageId;
        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1 and locked_until is not null", rowId)).ShouldBe("pending");

        var otherNode = Delivery(Pickup);
        await otherNode.DeliverDueAsync(CancellationToken.None);
        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1", rowId)).ShouldBe("pending", "the lease still holds");

        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await otherNode.DeliverDueAsync(CancellationToken.None);

        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1", rowId)).ShouldBe("sent");
        (await api.ScalarAsync<int>("select attempts from mail_outbox where id = $1", rowId)).ShouldBe(2);
        api.FilesOf(rowId).ShouldHaveSingleItem();
        (await api.PickedUpAsync(rowId)).MessageId.ShouldBe(firstMessageId);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_the_back_off()
    {
        var (_, rowId) = await ResetMailQueuedAsync();
        var delivery = Delivery(new FailingTransport(Pickup, rowId, failures: 1));

        await delivery.DeliverDueAsync(CancellationToken.None);

        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1", rowId)).ShouldBe("pending");
        (await api.ScalarAsync<string>("select last_error from mail_outbox where id = $1", rowId)).ShouldContain("421");
        (await api.ScalarAsync<DateTime>("select next_attempt_at from mail_outbox where id = $1", rowId))
            .ShouldBe(clock.GetUtcNow().AddMinutes(1).UtcDateTime, TimeSpan.FromMilliseconds(1));
        await delivery.DeliverDueAsync(CancellationToken.None);
        api.FilesOf(rowId).ShouldBeEmpty("not due before the back-off ends");

        clock.Advance(TimeSpan.FromMinutes(1));
        await delivery.DeliverDueAsync(CancellationToken.None);

        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1", rowId)).ShouldBe("sent");
        (await api.ScalarAsync<int>("select attempts from mail_outbox where id = $1", rowId)).ShouldBe(2);
        api.FilesOf(rowId).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_given_up_after_max_attempts_with_its_error_kept()
    {
        var (_, rowId) = await ResetMailQueuedAsync();
        var delivery = Delivery(new FailingTransport(Pickup, rowId, failures: int.MaxValue));

        foreach (var backOff in new[] { 1, 2, 4 })
        {
            await delivery.DeliverDueAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(backOff));
        }

        clock.Advance(TimeSpan.FromHours(2));
        await delivery.DeliverDueAsync(CancellationToken.None);

        (await api.ScalarAsync<string>("select status from mail_outbox where id = $1", rowId)).ShouldBe("failed");
        (await api.ScalarAsync<int>("select attempts from mail_outbox where id = $1", rowId)).ShouldBe(3);
        (await api.ScalarAsync<string>("select last_error from mail_outbox where id = $1", rowId)).ShouldContain("IOException: 421");
        api.FilesOf(rowId).ShouldBeEmpty();
    }

    [Fact]
    public void Retry_delays_double_up_to_the_maximum()
    {
        var options = new MailDeliveryOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        options.RetryDelay(1).ShouldBe(TimeSpan.FromSeconds(30));
        options.RetryDelay(2).ShouldBe(TimeSpan.FromMinutes(1));
        options.RetryDelay(4).ShouldBe(TimeSpan.FromMinutes(4));
        options.RetryDelay(5).ShouldBe(TimeSpan.FromMinutes(5));
        options.RetryDelay(60).ShouldBe(TimeSpan.FromMinutes(5));
    }

    private IMailTransport Pickup => api.Services.GetRequiredService<IMailTransport>();

    private MailDelivery Delivery(IMailTransport transport) => new(
        api.Services.GetRequiredService<NpgsqlDataSource>(), transport, api.Services.GetRequiredService<MailComposer>(),
        api.Services.GetRequiredService<IOptionsMonitor<EmailOptions>>(), clock, NullLogger<MailDelivery>.Instance);

    /// <summary>A German contact asks for a reset code through HTTP; returns the address and the queued row.</summary>
    private async Task<(string Email, Guid RowId)> ResetMailQueuedAsync()
    {
        var admin = await api.AdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        (await api.CreateClient().PostAsJsonAsync(Url("/api/auth/forgot-password"), new { login = contact.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var rows = await api.OutboxAsync(contact.Email, "password_reset");
        return (contact.Email, rows.ShouldHaveSingleItem().Id);
    }

    /// <summary>Sends, then the process "dies" before the row is marked (the pass is cancelled).</summary>
    private sealed class CrashAfterSending(IMailTransport inner, Guid target, CancellationTokenSource crash) : IMailTransport
    {
        public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken ct)
        {
            await inner.SendAsync(outboxId, message, ct);
            if (outboxId == target)
            {
                await crash.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Refuses the target row <paramref name="failures"/> times like a busy relay; others pass.</summary>
    private sealed class FailingTransport(IMailTransport inner, Guid target, int failures) : IMailTransport
    {
        private int failed;

        public Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken ct)
        {
            if (outboxId == target && failed < failures)
            {
                failed++;
                throw new IOException("421 4.3.2 Service not available, try again later");
            }

            return inner.SendAsync(outboxId, message, ct);
        }
    }
}
