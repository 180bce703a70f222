using Marten;
using Npgsql;
using Ticketing.Projections;

namespace Ticketing.Api.Hosting;

/// <summary>
/// The host's Marten store: the event store and read models of <see cref="TicketingEventStore"/>, on the host's own
/// <see cref="NpgsqlDataSource"/>. One definition
/// for the running API and for the schema step of start-up, so both agree on every table.
/// </summary>
public static class TicketingStore
{
    public static StoreOptions Options(NpgsqlDataSource dataSource, ILoggerFactory loggers)
    {
        var options = TicketingEventStore.Configure(new StoreOptions());
        options.Connection(dataSource);
        options.Logger(new MartenLog(loggers.CreateLogger<MartenLog>()));
        return options;
    }

    /// <summary>
    /// Creates or updates Marten's tables and functions (Weasel compares the database with the configuration and applies
    /// the difference), once per version of Marten's creation script (<see cref="SchemaScripts"/>; the comparison costs
    /// about half a second of start-up). The running store never checks again.
    /// </summary>
    public static Task ApplySchemaAsync(IDocumentStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        return SchemaScripts.ApplyOnceAsync(dataSource, "marten", store.Storage.ToDatabaseScript(),
            () => store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate));
    }
}
