using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.TestInfrastructure;

/// <summary>
/// One throw-away PostgreSQL cluster per test process (fsync off), holding a migrated template database
/// that every test class clones (<c>CREATE DATABASE x TEMPLATE t</c>), so classes run in parallel on
/// databases of their own. The cluster stops when the process exits; clusters left behind by a test process
/// that died are stopped and removed by the next run.
/// </summary>
public static class TestCluster
{
    private const string TemplateName = "ticketing_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static bool _migrated;
    private static int _counter;

    /// <summary>Clones a fresh database from the template, which holds the host's whole schema (our migrations and Marten's).</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var server = await StartedServerAsync();
            await EnsureTemplateAsync(server);
            var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
            await using var connection = new NpgsqlConnection(server.ConnectionString());
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name} template {TemplateName}", connection);
            await create.ExecuteNonQueryAsync();
            return server.ConnectionString(name);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The running cluster's superuser connection string to <paramref name="database"/>.</summary>
    public static async Task<string> ServerConnectionStringAsync(string database = "postgres")
    {
        await Gate.WaitAsync();
        try
        {
            return (await StartedServerAsync()).ConnectionString(database);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<EmbeddedPostgres> StartedServerAsync()
    {
        if (_server is not null)
        {
            return _server;
        }

        StaleClusters.RemoveAll();
        var root = StaleClusters.NewRoot();
        _server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootFolder = root, Durable = false });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(root);
        return _server;
    }

    private static async Task EnsureTemplateAsync(EmbeddedPostgres server)
    {
        if (_migrated)
        {
            return;
        }

        await server.EnsureDatabaseAsync(TemplateName);
        var templateConnection = server.ConnectionString(TemplateName) + ";Pooling=false";
        await using (var dataSource = NpgsqlDataSource.Create(templateConnection))
        {
            await TicketingDatabase.MigrateAsync(dataSource);
        }

        _migrated = true;
    }

    private static void Stop(string root)
    {
        try
        {
            _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Test cluster in {root} was not stopped cleanly: {e.Message}");
        }
    }
}
