using Npgsql;
using Ticketing.EventStore.Database;
using Ticketing.TestInfrastructure;

namespace Ticketing.EventStore.Tests;

/// <summary>The embedded cluster and the migration runner, on real PostgreSQL binaries.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public async Task Embedded_cluster_initialises_once_keeps_its_data_across_restarts_and_stops_on_dispose()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ticketing-embedded-test-{Guid.NewGuid():N}");
        try
        {
            var options = new EmbeddedPostgresOptions { RootFolder = root, Durable = false };
            await using (var first = await EmbeddedPostgres.StartAsync(options))
            {
                await first.EnsureDatabaseAsync("kept");
                await ExecuteAsync(first.ConnectionString("kept"), "create table survivor (id int); insert into survivor values (42)");
            }

            File.Exists(Path.Combine(root, "data", "postmaster.pid")).ShouldBeFalse("dispose stops the server it started");

            await using var second = await EmbeddedPostgres.StartAsync(options);
            await using var connection = new NpgsqlConnection(second.ConnectionString("kept"));
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("select id from survivor", connection);
            (await read.ExecuteScalarAsync()).ShouldBe(42);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Binaries_fall_back_to_the_machine_layout_when_the_configured_folder_has_none()
    {
        var folder = PostgresBinaries.Locate("/nonexistent/postgres/bin");

        File.Exists(Path.Combine(folder, "initdb")).ShouldBeTrue();
        File.Exists(Path.Combine(folder, "pg_ctl")).ShouldBeTrue();
        PostgresBinaries.InstallHint.ShouldContain("apt-get install postgresql");
        PostgresBinaries.InstallHint.ShouldContain("ConnectionStrings:Ticketing");
    }

    [Fact]
    public async Task Nodes_migrating_the_same_database_at_once_apply_each_migration_exactly_once()
    {
        var server = await TestCluster.ServerConnectionStringAsync();
        var name = $"migrate_race_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"create database {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => DatabaseMigrator.MigrateAsync(dataSource, [typeof(DatabaseMigrator).Assembly]))));

        applied.SelectMany(a => a).ShouldBe(["0001_event_store", "0002_append_rebuild_lock"]);
        await using var count = dataSource.CreateCommand("select count(*) from schema_migrations");
        (await count.ExecuteScalarAsync()).ShouldBe(2L);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
