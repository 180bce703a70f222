using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore;

namespace Ticketing.Bench;

/// <summary>Issue 2's figure: one event appended to a new stream per call, from N concurrent writers.</summary>
public static class EventStoreAppendScenario
{
    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results)
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(NpgsqlDataSource.Create(connectionString))
            .AddTicketingEventStore(o =>
            {
                o.RunAsyncProjections = false;
                o.ConfigureEvents(r => r.Register("bench.reply_posted", BenchJson.Default.BenchReplyPosted));
            })
            .BuildServiceProvider();
        var store = services.GetRequiredService<IEventStore>();
        var metadata = new EventMetadata(Guid.CreateVersion7(), "bench@msp.example", "technician", Guid.CreateVersion7(), null);
        var body = "Thanks for the report. I have restarted the print spooler on the terminal server and cleared the stuck jobs; please try again and reply here if the problem comes back.";

        var figures = await LoadRunner.RunAsync(settings.Writers, settings.Duration, (_, _) =>
        {
            var id = Guid.CreateVersion7();
            var e = new BenchReplyPosted(id, Guid.CreateVersion7(), Guid.CreateVersion7(), body, "Public", false, DateTimeOffset.UtcNow);
            return store.AppendAsync(new StreamAppend(id, "ticket", ExpectedVersion.NoStream, [PendingEvent.Create(e, metadata)]), CancellationToken.None);
        }, settings.WarmUp);

        var setting = $"{settings.Writers} writers, {settings.Duration.TotalSeconds:0} s, new stream per append, durable cluster";
        results.Add("event store append", "appends/s", figures.PerSecond, "ops/s", setting);
        results.Add("event store append", "p50", figures.P50Ms, "ms", setting);
        results.Add("event store append", "p99", figures.P99Ms, "ms", setting);
        results.Add("event store append", "errors", figures.Errors, "count", setting);
    }
}

public sealed record BenchReplyPosted(Guid TicketId, Guid ReplyId, Guid AuthorId, string Body, string Visibility, bool TaskfireRelated, DateTimeOffset At);

[JsonSerializable(typeof(BenchReplyPosted))]
internal sealed partial class BenchJson : JsonSerializerContext;
