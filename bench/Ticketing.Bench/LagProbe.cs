using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore;
using Ticketing.EventStore.Projections;
using Ticketing.Projections.Tickets;

namespace Ticketing.Bench;

/// <summary>
/// A tiny async projection run by an event-store node inside the bench process while the API takes the load. Each
/// event's row records its <c>recorded_at</c> (set by the API just before the append's round trip) and the projection
/// write's <c>clock_timestamp()</c> (just before the checkpoint commits): their difference is an upper bound of commit
/// to checkpoint. The runner is in another process than the appends, so it is woken by its poll, not in-process.
/// </summary>
public sealed class LagProbe : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ServiceProvider services;
    private readonly IHostedService[] hosted;

    private LagProbe(ServiceProvider services)
    {
        this.services = services;
        hosted = [.. services.GetServices<IHostedService>()];
    }

    public static async Task<LagProbe> StartAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(LagProjection.Schema, connection);
            await create.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection().AddLogging()
            .AddSingleton(NpgsqlDataSource.Create(connectionString))
            .AddTicketingEventStore(o =>
            {
                o.ConfigureEvents(TicketEventTypes.Register);
                o.AddAsyncProjection<LagProjection>();
                o.PollInterval = PollInterval;
            })
            .BuildServiceProvider();
        var probe = new LagProbe(services);
        foreach (var service in probe.hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return probe;
    }

    public ProjectionAdmin Admin => services.GetRequiredService<ProjectionAdmin>();

    /// <summary>Waits until the projection has applied every committed event.</summary>
    public async Task CatchUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await Admin.GetStatusAsync(LagProjection.ProjectionName)).Lag > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }
}

/// <summary>One row per event; the primary key makes a second application fail loudly (dead letter) instead of hiding.</summary>
public sealed class LagProjection : IProjection
{
    public const string ProjectionName = "bench_lag";

    public const string Schema = """
        create table if not exists bench_lag (event_id uuid primary key, recorded_at timestamptz not null, applied_at timestamptz not null)
        """;

    public string Name => ProjectionName;

    public IReadOnlyList<string> Tables { get; } = ["bench_lag"];

    public void Apply(RecordedEvent @event, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("insert into bench_lag (event_id, recorded_at, applied_at) values ($1, $2, clock_timestamp())")
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = @event.EventId }, new NpgsqlParameter<DateTimeOffset> { TypedValue = @event.RecordedAt } },
        });
    }
}
