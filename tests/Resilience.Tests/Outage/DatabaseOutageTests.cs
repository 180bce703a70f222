using System.Net;
using System.Net.Http.Json;
using Ticketing.Resilience.Tests.Infrastructure;

namespace Ticketing.Resilience.Tests.Outage;

/// <summary>
/// Issue item 3: PostgreSQL stopped under load (once with <c>-m fast</c>, once with <c>-m immediate</c>). While it is
/// down every request is a 503 problem with <c>Retry-After</c> within the configured time-outs, never a 500 or a hang,
/// and <c>/health/ready</c> is 503; once it is back the same API process serves again, nothing it acknowledged is
/// missing from Marten's log, every notifying event has its notice stored by the append's transaction (a commit cut by
/// the outage has both or neither), and every notice's mail is delivered once after recovery (ADR 0010, ADR 0017).
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ConnectTimeoutSeconds = 3;
    private const int CommandTimeoutSeconds = 5;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private readonly Figures figures = new(output);
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"ticketing-outage-{Guid.NewGuid():N}");
    private OwnPostgres postgres = null!;
    private ApiNode? node;

    public async Task InitializeAsync() => postgres = await OwnPostgres.StartAsync();

    [Fact]
    public async Task Requests_during_a_database_outage_get_503_problems_in_time_and_the_same_process_recovers_when_it_is_back()
    {
        node = await ApiNode.StartAsync("outage", postgres.ConnectionString, dataFolder, new Dictionary<string, string>
        {
            ["Ticketing__Database__ConnectTimeoutSeconds"] = $"{ConnectTimeoutSeconds}",
            ["Ticketing__Database__CommandTimeoutSeconds"] = $"{CommandTimeoutSeconds}",
        });
        var msp = await Msp.SeedAsync(node, contacts: 1);
        using var staff = node.Client(msp.TechnicianToken);
        var tickets = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            tickets.Add((await Msp.PostAsync(staff, "/api/tickets", new
            {
                title = $"Mail server unreachable {i}", customerId = msp.CustomerId, contactId = msp.Contacts[0].Id, assigneeId = msp.TechnicianId,
            })).GetProperty("id").GetGuid());
        }

        var probe = new OutageProbe(node, msp, tickets);
        using var stop = new CancellationTokenSource();
        var load = probe.RunAsync(stop.Token);
        var outages = new List<OutageWindow>();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        foreach (var mode in new[] { "fast", "immediate" })
        {
            var stopping = probe.Now;
            await postgres.StopAsync(mode);
            var down = probe.Now;
            await Task.Delay(TimeSpan.FromSeconds(4));
            var starting = probe.Now;
            await postgres.StartAgainAsync();
            var up = probe.Now;
            await Eventually.TrueAsync(() => Task.FromResult(probe.Samples.Any(s => s.Start > up && s.Request == "read" && s.Status == 200)),
                TimeSpan.FromSeconds(60), () => $"no successful read after PostgreSQL came back\n{node.LogTail()}", 50);
            var recovered = probe.Samples.Where(s => s.Start > up && s.Request == "read" && s.Status == 200).Min(s => s.End);
            outages.Add(new OutageWindow(mode, stopping, down, starting, up, recovered));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await stop.CancelAsync();
        await load;
        var report = new OutageReport(probe.Samples, outages, figures);
        report.Print();
        figures.Print($"API log: {node.LogLinesContaining("57P01")} requests caught by the fast shutdown (57P01 admin_shutdown, a 500 before ADR 0010), " +
            $"{node.LogLinesContaining("57P03")} by the start-up (57P03), {node.LogLinesContaining("Database unavailable")} answered 503 in all");

        report.ServerErrorsOtherThan503.ShouldBeEmpty();
        report.WithoutAnswer.ShouldBeEmpty();
        report.DuringOutageNot503Problem.ShouldBeEmpty();
        report.MaxLatencyDuringOutage.ShouldBeLessThan(TimeSpan.FromSeconds(CommandTimeoutSeconds) + Slack);
        report.HealthDuringOutage.ShouldNotBeEmpty();
        report.HealthDuringOutage.ShouldAllBe(s => s.Status == 503 && s.Body == "Unhealthy");
        report.FailedAfterRecovery.ShouldBeEmpty();
        node.HasExited.ShouldBeFalse();

        var lost = await LostAcknowledgedRepliesAsync(probe);
        figures.Print($"acknowledged replies (internal notes and public replies) missing from the log: {lost}");
        lost.ShouldBe(0);
        await MailQueuedWithTheReplyAndDeliveredAsync(staff, tickets[0], msp);

        // Every notifying event has its notice or mail stored, each is delivered once after both outages, and nothing
        // is left pending or dead lettered: a message whose handling PostgreSQL cut is released to the durability agent
        // once its claim goes stale (InboxStaleTime, ADR 0017) and handled again.
        var db = new TicketingDb(postgres.ConnectionString);
        var draining = System.Diagnostics.Stopwatch.StartNew();
        var drained = await DrainedWithinAsync(db, TimeSpan.FromSeconds(90));
        draining.Stop();
        var mail = await db.AuditMailAsync([node!.PickupFolder]);
        var deadLetters = await db.ColumnAsync<string>(
            "select message_type || ': ' || exception_type || ': ' || left(exception_message, 300) from wolverine_dead_letters");
        figures.Print($"after both outages: {mail}; {(drained ? $"no message pending after {draining.Elapsed.TotalSeconds:F1} s" : $"{await db.PendingMessagesAsync()} messages still pending after 90 s")}; " +
            $"dead letters: {deadLetters.Count}");
        foreach (var line in deadLetters)
        {
            figures.Print($"dead letter: {line}");
        }

        mail.Notifying.ShouldBeGreaterThan(0);
        (drained, deadLetters.Count).ShouldBe((true, 0), node.LogTail());
        (mail.NotQueued, mail.NotDelivered, mail.MailedTwice, mail.WithoutEvent).ShouldBe((0, 0, 0, 0));
    }

    private static async Task<bool> DrainedWithinAsync(TicketingDb db, TimeSpan patience)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await db.PendingMessagesAsync() > 0)
        {
            if (clock.Elapsed > patience)
            {
                return false;
            }

            await Task.Delay(250);
        }

        return true;
    }

    private async Task<int> LostAcknowledgedRepliesAsync(OutageProbe probe)
    {
        var acknowledged = probe.Samples.Where(s => s.Request.StartsWith(OutageProbe.ReplyPrefix, StringComparison.Ordinal) && s.Status == 200)
            .Select(s => s.Request).ToArray();
        var logged = await new TicketingDb(postgres.ConnectionString).ColumnAsync<string>("select data->>'body' from mt_events where data->>'body' = any($1)", (object)acknowledged);
        return acknowledged.Except(logged).Count();
    }

    // Wolverine's listeners and durability agent lost their connections in both outages: a public reply now has its notice
    // stored by the time it is acknowledged (the append's transaction wrote it) and its mail must still reach the pickup folder.
    private async Task MailQueuedWithTheReplyAndDeliveredAsync(HttpClient staff, Guid ticketId, Msp msp)
    {
        var body = $"after the outage {Guid.NewGuid():N}";
        using var reply = await staff.PostAsJsonAsync(new Uri($"/api/tickets/{ticketId}/replies", UriKind.Relative), new { body, visibility = "Public" });
        reply.StatusCode.ShouldBe(HttpStatusCode.OK);
        var db = new TicketingDb(postgres.ConnectionString);
        bool Delivered() => DeliveredMail.Read([node!.PickupFolder]).Any(m => m.Text.Contains(body, StringComparison.Ordinal));
        (await db.MessagesMentioningAsync(body) > 0 || Delivered()).ShouldBeTrue("the reply was acknowledged without its notice stored");
        var took = await Eventually.TrueAsync(() => Task.FromResult(Delivered()),
            TimeSpan.FromSeconds(60), () => $"the reply's mail was not delivered\n{node!.LogTail()}");
        DeliveredMail.Read([node!.PickupFolder]).Single(m => m.Text.Contains(body, StringComparison.Ordinal)).To.ShouldBe(msp.Contacts[0].Email);
        figures.Print($"after recovery: a public reply had its notice stored when acknowledged, its mail delivered in {took.TotalSeconds:F1} s");
    }

    public async Task DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        await postgres.DisposeAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp clean-up.
        }
    }
}
