using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Wolverine.Persistence.Durability;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Wolverine's envelope tables (incoming, outgoing, dead letters, nodes), created or updated under the migration lock
/// at start-up like Marten's: once per version of their creation script, whose hash is recorded in
/// <c>schema_migrations</c>, so a start whose schema has not changed skips Weasel's comparison.
/// </summary>
public static class MessageStoreSchema
{
    public static async Task ApplyAsync(IMessageStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        var database = (Weasel.Core.Migrations.DatabaseBase<NpgsqlConnection>)store;
        var id = "wolverine_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database.ToDatabaseScript())))[..16];
        await using (var applied = dataSource.CreateCommand("select exists (select from schema_migrations where id = $1)"))
        {
            applied.Parameters.Add(new NpgsqlParameter { Value = id });
            if ((bool)(await applied.ExecuteScalarAsync())!)
            {
                return;
            }
        }

        // Explicitly CreateOrUpdate: the host's store says AutoCreate.None, which Admin.MigrateAsync would obey.
        await database.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        await using var record = dataSource.CreateCommand("insert into schema_migrations (id) values ($1)");
        record.Parameters.Add(new NpgsqlParameter { Value = id });
        await record.ExecuteNonQueryAsync();
    }
}
