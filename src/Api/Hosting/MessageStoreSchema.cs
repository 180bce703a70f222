using Npgsql;
using Wolverine.Persistence.Durability;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Wolverine's envelope tables (incoming, outgoing, dead letters, nodes), created or updated under the migration lock
/// at start-up like Marten's, once per version of their creation script (<see cref="SchemaScripts"/>).
/// </summary>
public static class MessageStoreSchema
{
    public static Task ApplyAsync(IMessageStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        var database = (Weasel.Core.Migrations.DatabaseBase<NpgsqlConnection>)store;
        // Explicitly CreateOrUpdate: the host's store says AutoCreate.None, which Admin.MigrateAsync would obey.
        return SchemaScripts.ApplyOnceAsync(dataSource, "wolverine", database.ToDatabaseScript(),
            () => database.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate));
    }
}
