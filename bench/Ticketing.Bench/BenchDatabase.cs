using JasperFx;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Bench;

public static class BenchDatabase
{
    /// <summary>A fresh database with the API's full schema: our numbered migrations, then Marten's tables, as start-up applies them.</summary>
    public static async Task<string> CreateMigratedAsync(EmbeddedPostgres cluster, string name)
    {
        await cluster.EnsureDatabaseAsync(name);
        var connectionString = cluster.ConnectionString(name);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await TicketingDatabase.MigrateAsync(dataSource);
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

    /// <summary>
    /// The API's Marten store (<see cref="TicketingStore.Options"/>: event store, inline read models, notification mails)
    /// on <paramref name="dataSource"/>, with the schema left alone as the running API leaves it (start-up applied it).
    /// Nothing is logged: the bench process reports figures, not Marten's schema messages.
    /// </summary>
    public static DocumentStore ApiStore(NpgsqlDataSource dataSource, Action<StoreOptions>? configure = null)
    {
        var options = TicketingStore.Options(dataSource, NullLoggerFactory.Instance);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        configure?.Invoke(options);
        return new DocumentStore(options);
    }
}
