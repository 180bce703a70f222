using System.Diagnostics.Metrics;
using Npgsql;

namespace Ticketing.Api.Hosting.Telemetry;

/// <summary>
/// The message store as gauges (issue 20): messages waiting to be handled (Wolverine's incoming envelopes still
/// <c>Incoming</c>, scheduled retries included), the age of the oldest of them, and the dead letters. Sampled every
/// <c>Ticketing:Telemetry:MessageStoreInterval</c> (15 s) by one query, not at each export. The envelopes carry no
/// enqueue time, so the age is how long the oldest waiting message has been seen waiting, to within one interval (of
/// at most 1,000 waiting messages followed: enough to see a queue that stopped moving).
/// Every node reports the same store: read the maximum across nodes, not the sum.
/// </summary>
public sealed class MessageStoreGauges : BackgroundService
{
    public const string MeterName = "Ticketing.MessageStore";

    private const string Sample = """
        select (select count(*) from wolverine_incoming_envelopes where status in ('Incoming', 'Scheduled')),
               (select count(*) from wolverine_dead_letters),
               (select coalesce(array_agg(id), '{}') from (select id from wolverine_incoming_envelopes
                                                           where status in ('Incoming', 'Scheduled') order by id limit 1000) oldest)
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly ILogger<MessageStoreGauges> logger;
    private readonly Meter meter = new(MeterName);
    private Dictionary<Guid, DateTimeOffset> firstSeen = [];
    private long waiting;
    private long deadLetters;
    private double oldestAgeSeconds;

    public MessageStoreGauges(NpgsqlDataSource dataSource, TimeProvider time, IConfiguration configuration, ILogger<MessageStoreGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.dataSource = dataSource;
        this.time = time;
        this.logger = logger;
        interval = configuration.GetValue("Ticketing:Telemetry:MessageStoreInterval", TimeSpan.FromSeconds(15));
        meter.CreateObservableGauge("ticketing.messages.waiting", () => Volatile.Read(ref waiting), "{message}",
            "Messages stored and not yet handled (mail, notices, inbound mail), scheduled retries included.");
        meter.CreateObservableGauge("ticketing.messages.oldest_age", () => Volatile.Read(ref oldestAgeSeconds), "s",
            "How long the oldest waiting message has been seen waiting (sampled).");
        meter.CreateObservableGauge("ticketing.messages.dead_letters", () => Volatile.Read(ref deadLetters), "{message}",
            "Messages that kept failing and wait in the dead letters for an admin (GET /api/admin/dead-letters).");
    }

    /// <summary>One sample now (also what the loop runs).</summary>
    public async Task SampleAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sample);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var now = time.GetUtcNow();
        var seen = new Dictionary<Guid, DateTimeOffset>();
        foreach (var id in reader.GetFieldValue<Guid[]>(2))
        {
            seen[id] = firstSeen.TryGetValue(id, out var at) ? at : now;
        }

        firstSeen = seen;
        Volatile.Write(ref waiting, reader.GetInt64(0));
        Volatile.Write(ref deadLetters, reader.GetInt64(1));
        Volatile.Write(ref oldestAgeSeconds, seen.Count == 0 ? 0 : (now - seen.Values.Min()).TotalSeconds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // A database outage must not stop the sampling; the gauges keep their last values meanwhile.
                logger.LogDebug("Message store sample failed: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        meter.Dispose();
        base.Dispose();
    }
}
