using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;
using Ticketing.EventStore.Serialization;

namespace Ticketing.EventStore;

/// <summary>Registration of the PostgreSQL event store.</summary>
public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStore"/>, the <see cref="EventTypeRegistry"/>, the projections, the
    /// <see cref="ProjectionAdmin"/> and (unless <see cref="EventStoreOptions.RunAsyncProjections"/> is false) the
    /// hosted service running the async projections. Expects an <see cref="NpgsqlDataSource"/> in the container
    /// and the schema from this assembly's <c>Migrations/*.sql</c> applied.
    /// </summary>
    public static IServiceCollection AddTicketingEventStore(this IServiceCollection services, Action<EventStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new EventStoreOptions();
        configure(options);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ =>
        {
            var registry = new EventTypeRegistry();
            foreach (var configureEvents in options.EventTypes)
            {
                configureEvents(registry);
            }

            return registry;
        });

        foreach (var type in options.InlineProjections.Concat(options.AsyncProjections).Distinct())
        {
            services.TryAddSingleton(type);
        }

        services.AddSingleton(sp => new InlineProjectionSet(Resolve(sp, options.InlineProjections)));
        services.AddSingleton(sp => new AsyncProjectionSet(Resolve(sp, options.AsyncProjections)));
        services.AddSingleton<ProjectionSignal>();
        services.AddSingleton<ProjectionProcessor>();
        services.AddSingleton<PostgresEventStore>();
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<PostgresEventStore>());
        services.AddSingleton<ITransactionalEventStore>(sp => sp.GetRequiredService<PostgresEventStore>());
        services.AddSingleton(sp => new ProjectionRunners(
            sp.GetRequiredService<AsyncProjectionSet>().All
                .Select(p => new ProjectionRunner(
                    p,
                    sp.GetRequiredService<ProjectionProcessor>(),
                    sp.GetRequiredService<NpgsqlDataSource>(),
                    sp.GetRequiredService<ProjectionSignal>(),
                    options,
                    sp.GetRequiredService<ILogger<ProjectionRunner>>()))
                .ToArray()));
        services.AddSingleton(sp => new InlineRebuild(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventTypeRegistry>()));
        services.AddSingleton(sp => new ProjectionAdmin(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<AsyncProjectionSet>(),
            sp.GetRequiredService<InlineProjectionSet>(),
            sp.GetRequiredService<InlineRebuild>(),
            sp.GetRequiredService<ProjectionProcessor>(),
            sp.GetRequiredService<ProjectionRunners>(),
            options,
            sp.GetRequiredService<TimeProvider>()));

        if (options.RunAsyncProjections)
        {
            services.AddSingleton<IHostedService, AsyncProjectionHost>();
        }

        return services;
    }

    private static IProjection[] Resolve(IServiceProvider services, IEnumerable<Type> types) =>
        types.Select(t => (IProjection)services.GetRequiredService(t)).ToArray();
}
