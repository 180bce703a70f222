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

    /// <summary>A data source set up as the API's own (TicketingDatabase): auto-prepare after two uses, no reset on close.</summary>
    public static NpgsqlDataSource ApiLikeDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}
