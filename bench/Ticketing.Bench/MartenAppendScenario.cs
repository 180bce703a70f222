using Marten;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Bench;

/// <summary>
/// Issue 2's figure: one event appended to a new stream per call, from N concurrent writers, the way the API appends
/// (<c>TicketCommandService</c>): a lightweight session of the API's Marten store on an API-like data source, the event
/// stamped (<see cref="EventStamping.Stamp"/>: id, correlation, actor headers), <c>StartStream</c>, <c>SaveChangesAsync</c>
/// (Quick append). The event is a bench type that no read model handles, so only the append is measured, as pgbench
/// measures only an insert; the inline read models are registered but queue nothing for it.
/// </summary>
public static class MartenAppendScenario
{
    public const string EventAlias = "bench.reply_posted";

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results)
    {
        await using var dataSource = BenchDatabase.ApiLikeDataSource(connectionString);
        using var store = BenchDatabase.ApiStore(dataSource, o => o.Events.MapEventType<BenchReplyPosted>(EventAlias));
        var metadata = new EventMetadata(Guid.CreateVersion7(), "bench@msp.example", "technician", Guid.CreateVersion7(), null);
        const string body = "Thanks for the report. I have restarted the print spooler on the terminal server and cleared the stuck jobs; please try again and reply here if the problem comes back.";

        long appended = 0;
        var figures = await LoadRunner.RunAsync(settings.Writers, settings.Duration, async (_, _) =>
        {
            var id = Guid.CreateVersion7();
            var now = EventStamping.StoredPrecision(DateTimeOffset.UtcNow);
            var e = new BenchReplyPosted(id, Guid.CreateVersion7(), Guid.CreateVersion7(), body, "Public", false, now);
            await using var session = store.LightweightSession();
            session.Events.StartStream<Ticket>(id, session.Stamp(PendingEvent.Create(e, metadata), now));
            await session.SaveChangesAsync();
            Interlocked.Increment(ref appended);
        }, settings.WarmUp);

        var setting = $"{settings.Writers} writers, {settings.Duration.TotalSeconds:0} s, new stream per append (1 event), Marten Quick append " +
            "through a lightweight session of the API's store, API-like data source, durable cluster";
        results.Add("event store append", "appends/s", figures.PerSecond, "ops/s", setting);
        results.Add("event store append", "p50", figures.P50Ms, "ms", setting);
        results.Add("event store append", "p99", figures.P99Ms, "ms", setting);
        results.Add("event store append", "errors", figures.Errors, "count", setting);
        await using var count = dataSource.CreateCommand($"select count(*) from mt_events e join mt_streams s on s.id = e.stream_id where e.type = '{EventAlias}' and s.version = 1");
        var stored = (long)(await count.ExecuteScalarAsync())!;
        results.Add("event store append", "every append stored", stored == Interlocked.Read(ref appended) ? 1 : 0, "1 = yes",
            $"{stored:N0} events in mt_events (each with its stream at version 1) for {appended:N0} successful appends, warm-up included");
    }
}

public sealed record BenchReplyPosted(Guid TicketId, Guid ReplyId, Guid AuthorId, string Body, string Visibility, bool TaskfireRelated, DateTimeOffset At);
