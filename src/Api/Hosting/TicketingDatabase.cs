using Marten;
using Npgsql;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence.Durability;
using Ticketing.Api.Audit.Chain;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Api.Hosting;

/// <summary>
/// The one PostgreSQL database of a node. With <c>ConnectionStrings:Ticketing</c> it uses that server and
/// starts nothing; without it, it runs the embedded cluster in <see cref="DataFolder"/>/postgres
/// (durable: that is the user's data). Resolved after the host is built so test hosts can override it. Start-up
/// migrates our tables, then Marten's with the host's own document store (built once), then installs the
/// event chain's trigger on Marten's log (ADR 0024).
/// </summary>
public sealed class TicketingDatabase(IConfiguration configuration, ILoggerFactory loggers, IServiceProvider services) : IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<TicketingDatabase>();
    public const string DatabaseName = "ticketing";
    private EmbeddedPostgres? _embedded;
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The database is not initialised yet; call InitialiseAsync at start-up.");

    public bool IsEmbedded => _embedded is not null;

    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        var connectionString = configuration.GetConnectionString("Ticketing");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var root = DataFolder.Of(configuration, "postgres");
            _logger.LogInformation("No ConnectionStrings:Ticketing configured; starting the embedded PostgreSQL cluster in {Folder}", root);
            _embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
            {
                RootFolder = root,
                BinDirectory = configuration["Ticketing:Postgres:BinDirectory"],
            }, ct);
            await _embedded.EnsureDatabaseAsync(DatabaseName, ct);
            connectionString = _embedded.ConnectionString(DatabaseName);
            _logger.LogInformation("Embedded PostgreSQL is listening on 127.0.0.1:{Port}", _embedded.Port);
        }

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "ticketing-api";
        DatabaseTimeouts.Apply(configuration, builder.ConnectionStringBuilder);
        // Npgsql's own warnings and errors belong in the host's logs; parameter values are never logged (no
        // EnableParameterLogging), so hashes, mail bodies and reset codes stay out of them.
        builder.UseLoggerFactory(loggers);
        // Commands are a fixed set of statements: preparing them server-side after two uses cut append and
        // projection time by a factor of three to four in the read-model helper's measurements.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        // Npgsql resets a pooled connection on close with seven statements (RESET ALL, pg_advisory_unlock_all(), …)
        // sent ahead of the next command: a reply opened five connections, so 35 extra statements per request. Nothing
        // here leaves session state behind (session advisory locks are released explicitly; everything else is
        // transaction-scoped), so the reset is switched off unless the connection string asks for it.
        if (!connectionString.Contains("reset on close", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        _dataSource = builder.Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var dataSource = _dataSource;
        // Building Marten's and Wolverine's stores is CPU work (configuration, storage types) that needs no database:
        // it runs on another core while our migrations wait on PostgreSQL (issue 20, cold start).
        var stores = Task.Run(() => (services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<IMessageStore>()), ct);
        var applied = await DatabaseMigrator.MigrateAsync(dataSource, MigrationAssemblies.All, async () =>
        {
            var (documents, messages) = await stores;
            await TicketingStore.ApplySchemaAsync(documents, dataSource);
            await EventChainSchema.EnsureAsync(dataSource, ct);
            await MessageStoreSchema.ApplyAsync(messages, dataSource);
        }, ct);
        _logger.LogInformation("Schema checked in {Elapsed} ms; applied migrations: {Migrations}",
            clock.ElapsedMilliseconds, applied.Count > 0 ? string.Join(", ", applied) : "none");
    }

    /// <summary>
    /// The whole schema on a database no host runs (test templates, benchmarks): our numbered migrations, then Marten's,
    /// under the migration lock.
    /// </summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct = default) =>
        DatabaseMigrator.MigrateAsync(dataSource, MigrationAssemblies.All, async () =>
        {
            // A host of Marten and Wolverine alone, never started: it only lends its store and message store.
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddMarten(TicketingStore.Options(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance))
                .IntegrateWithWolverine();
            builder.UseWolverine(options => options.Discovery.DisableConventionalDiscovery());
            using var host = builder.Build();
            await TicketingStore.ApplySchemaAsync(host.Services.GetRequiredService<IDocumentStore>(), dataSource);
            await EventChainSchema.EnsureAsync(dataSource, ct);
            await MessageStoreSchema.ApplyAsync(host.Services.GetRequiredService<IMessageStore>(), dataSource);
        }, ct);

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }
}
