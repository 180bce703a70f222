using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.EventStore.Database;

namespace Ticketing.Bench;

public static class BenchDatabase
{
    /// <summary>A fresh database with the API's full schema.</summary>
    public static async Task<string> CreateMigratedAsync(EmbeddedPostgres cluster, string name)
    {
        await cluster.EnsureDatabaseAsync(name);
        var connectionString = cluster.ConnectionString(name);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await DatabaseMigrator.MigrateAsync(dataSource, MigrationAssemblies.All);
        return connectionString;
    }
}
