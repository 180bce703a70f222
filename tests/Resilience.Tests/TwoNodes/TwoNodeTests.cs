using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Ticketing.Resilience.Tests.Infrastructure;
using Ticketing.TestInfrastructure;

namespace Ticketing.Resilience.Tests.TwoNodes;

/// <summary>
/// Issue item 7, on Wolverine (ADR 0017): API processes on one database. A reply's notification is a Wolverine message
/// stored by the transaction that appends the reply, on whichever node took the request, and delivered from that node's
/// durable local queue: each mail goes out once, by one node. A node SIGKILLed while sending a mail leaves it owned by a
/// dead node; the leader ejects that node once its heartbeat is stale and a surviving node delivers the mail (the
/// takeover figure: kill → the mail in a survivor's pickup folder).
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(30);

    // Fast node-failure detection for the test: heartbeats stale after 5 s, checked every second.
    private static readonly Dictionary<string, string> Messaging = new()
    {
        ["Ticketing__Messaging__StaleNodeTimeout"] = "00:00:05",
        ["Ticketing__Messaging__HealthCheckPollingTime"] = "00:00:01",
    };

    private readonly Figures figures = new(output);
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ticketing-two-nodes-{Guid.NewGuid():N}");
    private readonly List<ApiNode> nodes = [];
    private TicketingDb db = null!;

    public async Task InitializeAsync() => db = new TicketingDb(await TestCluster.CreateDatabaseAsync());

    [Fact]
    public async Task Mail_is_stored_with_each_event_on_either_node_delivered_once_by_one_node_and_a_survivor_delivers_a_killed_nodes_mail()
    {
        var a = await StartAsync("node-a");
        var b = await StartAsync("node-b");
        var msp = await Msp.SeedAsync(a, contacts: 1);

        // Work through both nodes; each reply mails the contact once, whichever node took the request, and its notice is
        // stored by the time the reply is acknowledged: the append's transaction wrote it.
        var ticketId = await TicketAsync(a, msp);
        var bodies = new List<string>();
        var queuedWhenAcknowledged = 0;
        for (var i = 0; i < 20; i++)
        {
            var body = await ReplyAsync(i % 2 == 0 ? a : b, msp, ticketId);
            bodies.Add(body);
            queuedWhenAcknowledged += await QueuedOrDeliveredAsync(body) ? 1 : 0;
        }

        figures.Print($"20 replies through both nodes: {queuedWhenAcknowledged} had their notice stored (or mail sent) when acknowledged");
        queuedWhenAcknowledged.ShouldBe(20);

        await Eventually.TrueAsync(async () => await db.PendingMessagesAsync() == 0 && Delivered(bodies) == bodies.Count,
            TimeSpan.FromSeconds(60), () => $"mails not delivered\n{a.LogTail()}\n{b.LogTail()}");
        var audit = await db.AuditMailAsync(nodes.Select(n => n.PickupFolder));
        figures.Print($"20 replies through both nodes: .eml files per node: {string.Join(", ", nodes.Select(n => $"{n.Name} {Files(n).Length}"))}; {audit}");
        Delivered(bodies).ShouldBe(20);
        (audit.NotQueued, audit.NotDelivered, audit.MailedTwice, audit.WithoutEvent, audit.DeliveredByTwoNodes).ShouldBe((0, 0, 0, 0, 0));

        var (stuckOn, relay) = await NodeWithADeadRelayAsync();
        var takeover = await KillWhileSendingAndMeasureTakeoverAsync(stuckOn, relay, msp, ticketId, survivors: [a, b]);
        figures.Print($"faults injected: 1 SIGKILL of {stuckOn.Name} while it was sending a reply's mail; the mail reached a survivor's pickup folder " +
            $"{takeover.TotalMilliseconds:F0} ms after the kill (stale-node timeout 5 s, health check every 1 s; bound {TakeoverBound.TotalSeconds} s)");
        takeover.ShouldBeLessThanOrEqualTo(TakeoverBound);
        await Eventually.TrueAsync(async () => await db.PendingMessagesAsync() == 0, TimeSpan.FromSeconds(60), () => "messages left pending");
        var after = await db.AuditMailAsync(nodes.Select(n => n.PickupFolder));
        figures.Print($"after the kill: {after}");
        (after.NotDelivered, after.MailedTwice, after.WithoutEvent, after.DeliveredByTwoNodes).ShouldBe((0, 0, 0, 0));
    }

    /// <summary>A third node whose SMTP relay accepts connections and never answers: its mail hangs mid-send.</summary>
    private async Task<(ApiNode Node, DeadRelay Relay)> NodeWithADeadRelayAsync()
    {
        var relay = new DeadRelay();
        var settings = new Dictionary<string, string>(Messaging)
        {
            ["Ticketing__Smtp__Host"] = "127.0.0.1",
            ["Ticketing__Smtp__Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ticketing__Smtp__Security"] = "None",
            ["Ticketing__Smtp__Timeout"] = "00:10:00",
        };
        return (await StartAsync("node-c", settings), relay);
    }

    private async Task<TimeSpan> KillWhileSendingAndMeasureTakeoverAsync(ApiNode stuck, DeadRelay relay, Msp msp, Guid ticketId, ApiNode[] survivors)
    {
        var body = await ReplyAsync(stuck, msp, ticketId);
        // The mail is in the hands of the dead relay once node C has connected to it.
        await Eventually.TrueAsync(() => Task.FromResult(relay.Accepted > 0), TimeSpan.FromSeconds(30), () => $"node C never tried to send\n{stuck.LogTail()}");
        stuck.Kill();
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => Task.FromResult(DeliveredBy(survivors, body)), TimeSpan.FromSeconds(120),
            () => $"no survivor delivered the killed node's mail\n{survivors[0].LogTail()}\n{survivors[1].LogTail()}", pollMilliseconds: 25);
        var took = clock.Elapsed;
        relay.Dispose();
        return took;
    }

    /// <summary>A TCP listener that accepts SMTP connections and never says a word.</summary>
    private sealed class DeadRelay : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> held = [];
        private int accepted;

        public DeadRelay()
        {
            listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref accepted);

        private async Task AcceptAsync()
        {
            while (true)
            {
                try
                {
                    var client = await listener.AcceptTcpClientAsync();
                    lock (held)
                    {
                        held.Add(client);
                    }

                    Interlocked.Increment(ref accepted);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        }

        public void Dispose()
        {
            listener.Stop();
            lock (held)
            {
                held.ForEach(c => c.Dispose());
            }
        }
    }

    private async Task<bool> QueuedOrDeliveredAsync(string body) => await db.MessagesMentioningAsync(body) > 0 || Delivered([body]) > 0;

    private int Delivered(IReadOnlyList<string> bodies) =>
        DeliveredMail.Read(nodes.Select(n => n.PickupFolder)).Where(m => bodies.Any(m.Text.Contains)).Select(m => m.MailId).Distinct().Count();

    private static bool DeliveredBy(IEnumerable<ApiNode> survivors, string body) =>
        DeliveredMail.Read(survivors.Select(n => n.PickupFolder)).Any(m => m.Text.Contains(body, StringComparison.Ordinal));

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

    private async Task<ApiNode> StartAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = await ApiNode.StartAsync(name, db.ConnectionString, Path.Combine(root, name), settings ?? Messaging);
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
