using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Application.Email;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// The upgrade from our own mail outbox to Wolverine (ADR 0017): a database as the release before left it, with mail
/// still pending in <c>mail_outbox</c>, is started by this release.
/// </summary>
public sealed class RetiredOutboxHandoverTests
{
    [Fact]
    public async Task Pending_mail_of_the_retired_outbox_is_sent_once_sent_mail_is_not_and_a_second_start_sends_nothing()
    {
        var database = await PreWolverineDatabase.CreateAsync();
        var welcome = await database.QueueAsync(EmailKinds.Welcome, "nora.neu@customer.example", "de", new()
        {
            [EmailSnippets.ContactName] = "Nora Neu", [EmailSnippets.RecipientName] = "Nora Neu",
            [EmailSnippets.Username] = "nora.neu", [EmailSnippets.Password] = "Welcome-Secret-42",
        });
        var reset = await database.QueueRenderedAsync(
            EmailKinds.PasswordReset, "paul.reset@customer.example", "Your reset code", "Your code is 73519264.", "<p>Your code is 73519264.</p>");
        var replyEvent = Guid.CreateVersion7();
        var reply = await database.QueueAsync(EmailKinds.ReplyPosted, "carla.contact@customer.example", "en", new()
        {
            [EmailSnippets.RecipientName] = "Carla Contact", [EmailSnippets.ContactName] = "Carla Contact",
            [EmailSnippets.TicketNumber] = "260101-0001", [EmailSnippets.TicketTitle] = "Printer jammed",
            [EmailSnippets.ReplyText] = "We are on our way.",
        }, idempotencyKey: $"{replyEvent}:{Guid.CreateVersion7()}", attempts: 2);
        var rule = await database.QueueAsync(EmailKinds.WorkflowNotification, "dispatch@msp.example", "en", new()
        {
            [EmailSnippets.RuleName] = "Escalate", [EmailSnippets.TicketNumber] = "260101-0002",
            [EmailSnippets.TicketTitle] = "Server down", [EmailSnippets.Status] = "open", [EmailSnippets.RecipientName] = "",
        }, idempotencyKey: $"workflow:{Guid.NewGuid():N}:{Guid.NewGuid():N}:dispatch@msp.example");
        var sent = await database.QueueAsync(EmailKinds.Welcome, "old.friend@customer.example", "en", new()
        {
            [EmailSnippets.ContactName] = "Old Friend", [EmailSnippets.RecipientName] = "Old Friend",
            [EmailSnippets.Username] = "old.friend", [EmailSnippets.Password] = "Sent-Secret-17",
        }, status: "sent");
        var failed = await database.QueueRenderedAsync(
            EmailKinds.PasswordReset, "gone@customer.example", "Your reset code", "Your code is 11112222.", "<p>Your code is 11112222.</p>",
            status: "failed");
        Guid[] pending = [welcome, reset, reply, rule];

        await using var first = new RetiredOutboxApiFactory(database.ConnectionString);
        await first.StartAsync();
        await first.WaitForPickupAsync(pending);
        await first.MailSettledAsync();

        pending.ShouldAllBe(id => first.Relay.AttemptsOf(id).Count == 1);
        first.Relay.AttemptsOf(sent).ShouldBeEmpty();
        first.Relay.AttemptsOf(failed).ShouldBeEmpty();
        pending.ShouldAllBe(id => first.FilesOf(id).Length == 1);
        Directory.GetFiles(first.PickupFolder).Length.ShouldBe(pending.Length);

        // The old runner's mail id, so the Message-ID it would have had; the credentials are back in the mail.
        var welcomeMail = await first.PickedUpAsync(welcome);
        welcomeMail.MessageId.ShouldBe(MailComposer.MessageId(welcome, EmailApiFactory.FromDomain));
        welcomeMail.TextBody!.ShouldContain("nora.neu");
        welcomeMail.TextBody!.ShouldContain("Welcome-Secret-42");
        var resetMail = await first.PickedUpAsync(reset);
        resetMail.Subject.ShouldBe("Your reset code");
        resetMail.TextBody!.ShouldContain("73519264");
        var replyMail = await first.PickedUpAsync(reply);
        replyMail.TextBody!.ShouldContain("We are on our way.");
        replyMail.Headers[MailComposer.CauseHeader].ShouldBe(replyEvent.ToString("N"));
        (await first.PickedUpAsync(rule)).To.Mailboxes.Single().Address.ShouldBe("dispatch@msp.example");

        (await first.ScalarAsync<bool>("select to_regclass('mail_outbox') is null")).ShouldBeTrue();
        (await first.ScalarAsync<long>("select count(*) from mail_outbox_retired")).ShouldBe(2);
        (await first.ScalarAsync<long>("select count(*) from mail_outbox_retired where id = any($1)", new[] { sent, failed })).ShouldBe(2);
        (await first.ScalarAsync<long>("select count(*) from mail_outbox_retired where template_values ? 'password'")).ShouldBe(0);
        (await first.ScalarAsync<long>("select count(*) from mail_secrets")).ShouldBe(0);
        var written = pending.ToDictionary(id => id, id => File.GetLastWriteTimeUtc(first.FilesOf(id).Single()));

        await first.Host.StopAsync();
        await using var restarted = new RetiredOutboxApiFactory(database.ConnectionString, restartOf: first);
        await restarted.StartAsync();
        var handover = restarted.Services.GetServices<IHostedService>().OfType<RetiredOutboxHandover>().ShouldHaveSingleItem();
        (await handover.HandOverAsync(CancellationToken.None)).ShouldBe(0);
        await Task.Delay(TimeSpan.FromSeconds(3)); // three polls of the durability agent: nothing of the first run comes back
        await restarted.MailSettledAsync();

        pending.Concat([sent, failed]).ShouldAllBe(id => restarted.Relay.AttemptsOf(id).Count == 0);
        (Directory.Exists(restarted.PickupFolder) ? Directory.GetFiles(restarted.PickupFolder) : []).ShouldBeEmpty();
        pending.ShouldAllBe(id => File.GetLastWriteTimeUtc(first.FilesOf(id).Single()) == written[id]);
        (await restarted.ScalarAsync<long>("select count(*) from mail_outbox_retired")).ShouldBe(2);
    }

    [Fact]
    public async Task Two_nodes_starting_together_hand_each_pending_mail_over_once()
    {
        var database = await PreWolverineDatabase.CreateAsync();
        Guid[] pending =
        [
            await database.QueueAsync(EmailKinds.Welcome, "twice.started@customer.example", "en", new()
            {
                [EmailSnippets.ContactName] = "Twice Started", [EmailSnippets.RecipientName] = "Twice Started",
                [EmailSnippets.Username] = "twice.started", [EmailSnippets.Password] = "Race-Secret-99",
            }),
            await database.QueueRenderedAsync(EmailKinds.PasswordReset, "race.reset@customer.example", "Your reset code", "Code 55554444.", "<p>Code 55554444.</p>"),
        ];

        // Both nodes reach the handover's table lock before either may take it (the race of ADR 0017).
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var share = new NpgsqlCommand("lock table mail_outbox in access share mode", holder))
        {
            await share.ExecuteNonQueryAsync();
        }

        await using var one = new RetiredOutboxApiFactory(database.ConnectionString);
        await using var two = new RetiredOutboxApiFactory(database.ConnectionString);
        var starting = Task.WhenAll(one.StartAsync(), two.StartAsync());
        await database.WaitForHandoversWaitingAsync(2, starting);
        await hold.CommitAsync();
        await starting;

        var clock = Stopwatch.StartNew();
        while (pending.Any(id => one.Relay.AttemptsOf(id).Count + two.Relay.AttemptsOf(id).Count == 0) && clock.Elapsed < MailHttp.Patience)
        {
            await Task.Delay(50);
        }

        await one.MailSettledAsync();
        pending.ShouldAllBe(id => one.Relay.AttemptsOf(id).Count + two.Relay.AttemptsOf(id).Count == 1);
        new[] { one, two }.Count(node => node.Logs.Lines.Any(l => l.Contains("Handed 2 pending mail(s)", StringComparison.Ordinal))).ShouldBe(1);
        (await one.ScalarAsync<bool>("select to_regclass('mail_outbox') is null and to_regclass('mail_outbox_retired') is not null")).ShouldBeTrue();
    }

    /// <summary>
    /// The email host on a given database, every send recorded by a <see cref="FlakyRelay"/> that never fails and
    /// written to this factory's own pickup folder. A restart keeps the stopped node's data folder (its key-ring
    /// certificate, ADR 0016).
    /// </summary>
    private sealed class RetiredOutboxApiFactory : EmailApiFactory
    {
        private readonly ApiFactory? restartOf;

        public RetiredOutboxApiFactory(string connectionString, ApiFactory? restartOf = null)
        {
            ConnectionString = connectionString;
            this.restartOf = restartOf;
        }

        public FlakyRelay Relay => Services.GetRequiredService<FlakyRelay>();

        public override Task InitializeAsync() => Task.CompletedTask;

        public async Task WaitForPickupAsync(IEnumerable<Guid> mailIds)
        {
            var clock = Stopwatch.StartNew();
            while (mailIds.Any(id => this.FilesOf(id).Length == 0) && clock.Elapsed < MailHttp.Patience)
            {
                await Task.Delay(50);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (restartOf is not null)
            {
                builder.UseSetting("Ticketing:DataFolder", restartOf.DataFolder);
            }
        }

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.AddSingleton(_ => new FlakyRelay(new PickupFolderTransport(PickupFolder)));
            services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<FlakyRelay>());
        }
    }
}
