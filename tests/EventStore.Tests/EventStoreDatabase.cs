using Npgsql;
using Ticketing.EventStore.Database;
using Ticketing.TestInfrastructure;

namespace Ticketing.EventStore.Tests;

/// <summary>
/// A fresh database with the event store schema, dropped afterwards. The one place that knows where the
/// test PostgreSQL is: the shared per-run cluster of <see cref="TestCluster"/> (a clone of its migrated
/// template), or, when env <c>TICKETING_TEST_PG</c> names a server, a database created and migrated there.
/// </summary>
public sealed class EventStoreDatabase : IAsyncLifetime, IAsyncDisposable
{
    private string server = "";
    private string name = "";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public static async Task<EventStoreDatabase> CreateAsync()
    {
        var database = new EventStoreDatabase();
        await database.InitializeAsync();
        return database;
    }

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("TICKETING_TEST_PG") is { Length: > 0 } explicitServer)
        {
            server = explicitServer;
            name = $"es_test_{Guid.NewGuid():N}"[..24];
            await ExecuteOnServerAsync($"create database {name}");
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            DataSource = NpgsqlDataSource.Create(ConnectionString);
            await DatabaseMigrator.MigrateAsync(DataSource, [typeof(EventStoreOptions).Assembly]);
            return;
        }

        ConnectionString = await TestCluster.CreateDatabaseAsync([typeof(EventStoreOptions).Assembly]);
        name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        server = await TestCluster.ServerConnectionStringAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"drop database if exists {name} with (force)");
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
