using System.Security.Cryptography;
using System.Text;
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
    /// the difference), once per version of Marten's creation script: its hash is recorded in <c>schema_migrations</c>,
    /// so a start whose Marten schema has not changed skips the comparison (about half a second of start-up). Called
    /// under the migration lock, so nodes starting together do not race; the running store then never checks again.
    /// </summary>
    public static async Task ApplySchemaAsync(IDocumentStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        var id = "marten_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store.Storage.ToDatabaseScript())))[..16];
        await using (var applied = dataSource.CreateCommand("select exists (select from schema_migrations where id = $1)"))
        {
            applied.Parameters.Add(new NpgsqlParameter { Value = id });
            if ((bool)(await applied.ExecuteScalarAsync())!)
            {
                return;
            }
        }

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        await using var record = dataSource.CreateCommand("insert into schema_migrations (id) values ($1)");
        record.Parameters.Add(new NpgsqlParameter { Value = id });
        await record.ExecuteNonQueryAsync();
    }
}
