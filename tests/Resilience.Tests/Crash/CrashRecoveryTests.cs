using System.Diagnostics;
using Ticketing.Api.Hosting;
using Ticketing.Resilience.Tests.Infrastructure;
using Ticketing.TestInfrastructure;

namespace Ticketing.Resilience.Tests.Crash;

/// <summary>
/// Issue item 2: the API under load is killed with SIGKILL and restarted on the same database. Whatever it acknowledged
/// is in Marten's log once, at versions 1..n of its stream, and in every read model. The notification notices are stored
/// by the appends' own transactions (Wolverine's event forwarding into the outbox), so already at the kill every
/// notifying event has its notice or mail and none lacks its event. The restarted node takes over the killed node's
/// messages once that node is found stale, losing nothing (ADR 0010, 0017; mail at-least-once).
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Figures figures = new(output);
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"ticketing-crash-{Guid.NewGuid():N}");
    private readonly List<ApiNode> nodes = [];
    private TicketingDb db = null!;

    // Messages owned by the killed process are handed over once its node is found stale; the default (30 s) would only
    // slow the test.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Ticketing__Messaging__StaleNodeTimeout"] = "00:00:05",
        ["Ticketing__Messaging__HealthCheckPollingTime"] = "00:00:01",
    };

    public async Task InitializeAsync() => db = new TicketingDb(await TestCluster.CreateDatabaseAsync());

    [Fact]
    public async Task Every_acknowledged_command_survives_a_SIGKILL_under_load_with_its_notifications_queued_and_the_mail_resumes_without_loss()
    {
        var first = await StartAsync("crash-1");
        var msp = await Msp.SeedAsync(first, contacts: 3);
        var load = new TicketLoad(msp);

        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(first, technicians: 3, stop.Token);
        await Eventually.TrueAsync(() => Task.FromResult(load.Acknowledged >= 60), TimeSpan.FromSeconds(90), () => $"{load.Acknowledged} acknowledged", 20);
        first.Kill();
        stop.Cancel();
        await running;
        // Read before anything restarts: whatever the killed process committed, it committed with its mails.
        var atKill = await db.AuditMailAsync([first.PickupFolder]);
        var unsentAtKill = await db.PendingMessagesAsync();
        figures.Print($"load: {load.Tried} requests tried, {load.Acknowledged} acknowledged ({load.Tickets.Count} tickets, {load.Replies.Count} replies), " +
            $"{load.Failed} failed by the kill, rejected {Describe(load.Rejected)}; faults injected: 1 SIGKILL");
        figures.Print($"at the kill: {atKill}; {unsentAtKill} messages pending");

        var clock = Stopwatch.StartNew();
        var second = await StartAsync("crash-2");
        var ready = clock.Elapsed;
        var drained = await Eventually.TrueAsync(
            async () => await db.PendingMessagesAsync() == 0, TimeSpan.FromSeconds(120),
            () => $"messages did not drain\n{second.LogTail()}");
        figures.Print($"restart: ready after {ready.TotalSeconds:F1} s, pending messages drained {(ready + drained).TotalSeconds:F1} s after restart");

        var check = new CrashAudit(db, second, msp, figures);
        var lostTickets = await check.LostTicketsAsync(load.Tickets);
        var lostReplies = await check.LostRepliesAsync(load.Replies);
        var duplicated = await check.DuplicatedRepliesAsync();
        var brokenVersions = await check.StreamsWithBrokenVersionsAsync();
        var behind = await check.StreamsBehindInReadModelsAsync();
        var mail = await db.AuditMailAsync([second.PickupFolder]);
        figures.Print($"events lost: {lostTickets.Count} tickets, {lostReplies.Count} replies; duplicated replies: {duplicated}; " +
            $"streams with a duplicated or missing version: {brokenVersions}; read-model rows missing or behind: {behind}; " +
            $"mail: {mail}");
        await check.PrintTotalsAsync();

        lostTickets.ShouldBeEmpty(first.LogTail());
        lostReplies.ShouldBeEmpty(first.LogTail());
        duplicated.ShouldBe(0);
        brokenVersions.ShouldBe(0);
        behind.ShouldBe(0);
        (await check.AcknowledgedMissingOverHttpAsync(load.Tickets, load.Replies)).ShouldBe(0);
        atKill.Notifying.ShouldBeGreaterThan(0);
        (atKill.NotQueued, atKill.WithoutEvent).ShouldBe((0, 0), "the killed process left an event without its notice or a notice without its event");
        (mail.NotDelivered, mail.MailedTwice, mail.WithoutEvent).ShouldBe((0, 0, 0));
        // The audit chain's link is written in the append's transaction (ADR 0024): the kill left no event without its
        // link and no link without its event.
        (await db.ScalarAsync<long>("""
            select count(*) from mt_events e
            where not exists (select from event_chain c where c.stream_id = e.stream_id and c.version = e.version and c.seq_id = e.seq_id)
            """)).ShouldBe(0L);
        (await db.ScalarAsync<long>("""
            select count(*) from event_chain c where not exists (select from mt_events e where e.stream_id = c.stream_id and e.version = c.version)
            """)).ShouldBe(0L);
    }

    private async Task<ApiNode> StartAsync(string name)
    {
        var node = await ApiNode.StartAsync(name, db.ConnectionString, dataFolder, Settings);
        nodes.Add(node);
        return node;
    }

    private static string Describe(IDictionary<int, int> rejected) =>
        rejected.Count == 0 ? "none" : string.Join(", ", rejected.OrderBy(r => r.Key).Select(r => $"{r.Value}×{r.Key}"));

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
