using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;

namespace Ticketing.EventStore.Tests;

/// <summary>One "API process": its own connection pool, container and (optionally) running projection host.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly IHostedService[] hosted;
    private bool stopped;

    private TestNode(ServiceProvider services)
    {
        this.services = services;
        hosted = services.GetServices<IHostedService>().ToArray();
    }

    public IEventStore Store => services.GetRequiredService<IEventStore>();

    public ProjectionAdmin Admin => services.GetRequiredService<ProjectionAdmin>();

    public static async Task<TestNode> StartAsync(
        string connectionString, bool runAsyncProjections, Action<EventStoreOptions>? configure = null, TimeProvider? time = null)
    {
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddTicketingEventStore(o =>
        {
            o.ConfigureEvents(TestEvents.Register);
            o.AddInlineProjection<TicketTitleProjection>();
            o.AddAsyncProjection<SeenEventsProjection>();
            o.RunAsyncProjections = runAsyncProjections;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        var node = new TestNode(collection.BuildServiceProvider());
        foreach (var service in node.hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return node;
    }

    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await services.DisposeAsync();
    }
}
