using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Hosting;
using Ticketing.Resilience.Tests.Infrastructure;
using Ticketing.TestInfrastructure;

namespace Ticketing.Resilience.Tests.TwoNodes;

/// <summary>
/// Issue item 7: two API processes on one database. Ticket notification mails are queued inline, by the transaction
/// that appends the event, on whichever node took the request: there is no notifications job to elect any more, and
/// every notifying event in <c>mt_events</c> has exactly its outbox row the moment it is acknowledged. The mail delivery
/// runs on exactly one node (one advisory-lock holder, each mail delivered by one node once); SIGKILL the delivering
/// node and the other holds the lock and delivers a new reply's mail within 5 seconds (ADR 0010).
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(5);
    private const string DeliveryTookLock = "This node now delivers mail";
    private readonly Figures figures = new(output);
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ticketing-two-nodes-{Guid.NewGuid():N}");
    private readonly List<ApiNode> nodes = [];
    private TicketingDb db = null!;

    public async Task InitializeAsync() => db = new TicketingDb(await TestCluster.CreateDatabaseAsync());

    [Fact]
    public async Task Mail_is_queued_with_each_event_on_either_node_delivered_once_by_one_node_and_the_survivor_takes_over_within_5_seconds_of_a_SIGKILL()
    {
        var a = await StartAsync("node-a");
        var b = await StartAsync("node-b");
        var msp = await Msp.SeedAsync(a, contacts: 1);
        await Eventually.TrueAsync(async () => (await db.LockHoldersAsync(TicketingDb.MailLockName)).Count == 1, TimeSpan.FromSeconds(30), () => "lock not taken");
        var mailHolders = await db.LockHoldersAsync(TicketingDb.MailLockName);
        figures.Print($"lock holders: mail delivery {string.Join(",", mailHolders)}");
        mailHolders.Count.ShouldBe(1);

        // Work through both nodes; each reply mails the contact once, whichever node took the request, and its mail is
        // queued by the time the reply is acknowledged: no waiting for a projection to catch up.
        var ticketId = await TicketAsync(a, msp);
        var bodies = new List<string>();
        var queuedWhenAcknowledged = 0;
        for (var i = 0; i < 20; i++)
        {
            var body = await ReplyAsync(i % 2 == 0 ? a : b, msp, ticketId);
            bodies.Add(body);
            queuedWhenAcknowledged += (int)await MailRowsAsync([body]);
        }

        var (withoutMail, mailsWithoutEvent) = (await db.NotifyingEventsWithoutExactlyOneMailAsync(), await db.NotificationMailsWithoutEventAsync());
        figures.Print($"20 replies through both nodes: {queuedWhenAcknowledged} mails already queued when the reply was acknowledged; " +
            $"{await db.NotifyingEventsAsync()} notifying events in mt_events, {withoutMail} without exactly one queued mail, {mailsWithoutEvent} notification mails without their event");
        queuedWhenAcknowledged.ShouldBe(20);
        withoutMail.ShouldBe(0);
        mailsWithoutEvent.ShouldBe(0);

        await Eventually.TrueAsync(async () => await db.UnsentMailAsync() == 0 && await MailRowsAsync(bodies) == bodies.Count,
            TimeSpan.FromSeconds(60), () => $"mails not delivered\n{a.LogTail()}\n{b.LogTail()}");
        var deliveries = await DeliveriesAsync();
        figures.Print($"20 replies through both nodes: {await MailRowsAsync(bodies)} outbox rows, .eml files per node: " +
            string.Join(", ", nodes.Select(n => $"{n.Name} {Files(n).Length}")) + $", mails delivered by both nodes: {deliveries.Twice}");
        (await MailRowsAsync(bodies)).ShouldBe(20);
        deliveries.Twice.ShouldBe(0);
        deliveries.Missing.ShouldBe(0);

        var leader = nodes.Single(n => n.ApplicationName == mailHolders[0]);
        var survivor = nodes.Single(n => n != leader);
        // Not a snapshot only: over the whole run so far, the other node never took the job.
        figures.Print($"jobs taken before the kill: {Describe(leader)}; {Describe(survivor)}");
        survivor.LogLinesContaining(DeliveryTookLock).ShouldBe(0);
        var takeover = await KillAndMeasureTakeoverAsync(leader, survivor, msp, ticketId);
        figures.Print($"faults injected: 1 SIGKILL of {leader.Name}; survivor {survivor.Name} held the mail lock after {takeover.Locks.TotalMilliseconds:F0} ms, " +
            $"had the new reply's mail queued when it acknowledged the reply ({takeover.Queued.TotalMilliseconds:F0} ms) and delivered it after {takeover.Delivered.TotalMilliseconds:F0} ms (bound {TakeoverBound.TotalSeconds} s)");
        takeover.Delivered.ShouldBeLessThanOrEqualTo(TakeoverBound);
        figures.Print($"jobs taken after the kill: {Describe(survivor)}");
        survivor.LogLinesContaining(DeliveryTookLock).ShouldBeGreaterThanOrEqualTo(1);
        (await DeliveriesAsync()).Twice.ShouldBe(0);
        (await db.NotifyingEventsWithoutExactlyOneMailAsync()).ShouldBe(0);
        (await db.NotificationMailsWithoutEventAsync()).ShouldBe(0);
    }

    private async Task<(TimeSpan Locks, TimeSpan Queued, TimeSpan Delivered)> KillAndMeasureTakeoverAsync(ApiNode leader, ApiNode survivor, Msp msp, Guid ticketId)
    {
        leader.Kill();
        var clock = Stopwatch.StartNew();
        var body = await ReplyAsync(survivor, msp, ticketId);
        var queued = clock.Elapsed;
        (await MailRowsAsync([body])).ShouldBe(1, "the survivor acknowledged a reply without its mail queued");
        TimeSpan? locks = null;
        await Eventually.TrueAsync(async () =>
        {
            locks ??= (await db.LockHoldersAsync(TicketingDb.MailLockName)).SequenceEqual([survivor.ApplicationName]) ? clock.Elapsed : null;
            return locks is not null && await DeliveredAsync(survivor, body);
        }, TimeSpan.FromSeconds(60), () => $"the survivor did not take over\n{survivor.LogTail()}", pollMilliseconds: 25);
        return (locks!.Value, queued, clock.Elapsed);
    }

    private static string Describe(ApiNode node) => $"{node.Name} took mail delivery {node.LogLinesContaining(DeliveryTookLock)}×";

    private Task<long> MailRowsAsync(IReadOnlyList<string> bodies) =>
        db.ScalarAsync<long>("select count(*) from mail_outbox where template_values->>'reply_text' = any($1)", (object)bodies.ToArray());

    private async Task<bool> DeliveredAsync(ApiNode node, string body) =>
        (await db.ColumnAsync<Guid>("select id from mail_outbox where status = 'sent' and template_values->>'reply_text' = $1", body))
            .Any(id => File.Exists(Path.Combine(node.PickupFolder, $"{id:N}.eml")));

    /// <summary>Sent mails whose .eml is in both nodes' pickup folders, and sent mails in neither.</summary>
    private async Task<(int Twice, int Missing)> DeliveriesAsync()
    {
        var perNode = nodes.Select(n => Files(n).Select(Path.GetFileName).ToHashSet()).ToArray();
        var all = perNode.SelectMany(f => f).ToList();
        var sent = await db.ColumnAsync<Guid>("select id from mail_outbox where status = 'sent'");
        return (all.Count - all.Distinct().Count(), sent.Count(id => !all.Contains($"{id:N}.eml")));
    }

    private static string[] Files(ApiNode node) => Directory.Exists(node.PickupFolder) ? Directory.GetFiles(node.PickupFolder, "*.eml") : [];

    private static async Task<Guid> TicketAsync(ApiNode node, Msp msp)
    {
        using var staff = node.Client(msp.TechnicianToken);
        return (await Msp.PostAsync(staff, "/api/tickets", new
        {
            title = "Backup job failed", customerId = msp.CustomerId, contactId = msp.Contacts[0].Id, assigneeId = msp.TechnicianId,
        })).GetProperty("id").GetGuid();
    }

    private static async Task<string> ReplyAsync(ApiNode node, Msp msp, Guid ticketId)
    {
        using var staff = node.Client(msp.TechnicianToken);
        var body = $"two-node reply {Guid.NewGuid():N}";
        using var response = await staff.PostAsJsonAsync(new Uri($"/api/tickets/{ticketId}/replies", UriKind.Relative), new { body, visibility = "Public" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return body;
    }

    private async Task<ApiNode> StartAsync(string name)
    {
        var node = await ApiNode.StartAsync(name, db.ConnectionString, Path.Combine(root, name));
        nodes.Add(node);
        return node;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp clean-up.
        }
    }
}
