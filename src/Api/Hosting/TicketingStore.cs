using Marten;
using Npgsql;
using Ticketing.Api.Email.Notifications;
using Ticketing.Projections;
using JasperFx.Events.Projections;

namespace Ticketing.Api.Hosting;

/// <summary>
/// The host's Marten store: the event store and read models of <see cref="TicketingEventStore"/>, plus what only the
/// host has (ticket notification mails queued inline), on the host's own <see cref="NpgsqlDataSource"/>. One definition
/// for the running API and for the schema step of start-up, so both agree on every table.
/// </summary>
public static class TicketingStore
{
    public static StoreOptions Options(NpgsqlDataSource dataSource, ILoggerFactory loggers)
    {
        var options = TicketingEventStore.Configure(new StoreOptions());
        options.Connection(dataSource);
        options.Logger(new MartenLog(loggers.CreateLogger<MartenLog>()));
        options.Projections.Add(new TicketNotificationsProjection(), ProjectionLifecycle.Inline);
        return options;
    }

    /// <summary>
    /// Creates or updates Marten's tables and functions (Weasel compares and applies the difference). Called under the
    /// migration lock, so nodes starting together do not race; the running store then never checks again.
    /// </summary>
    public static async Task ApplySchemaAsync(NpgsqlDataSource dataSource, ILoggerFactory loggers)
    {
        using var store = new DocumentStore(Options(dataSource, loggers));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }
}
