using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore;
using Ticketing.EventStore.Database;
using Ticketing.EventStore.Projections;
using Ticketing.Projections.Tickets;
using Ticketing.TestInfrastructure;

namespace Ticketing.Projections.Tests;

/// <summary>
/// A fresh database cloned from the migrated template and the real event store with the ticket read models
/// wired exactly as the API wires them (<see cref="TicketReadModels.Configure"/>), so appends run them inline.
/// <paramref name="moreProjections"/> adds read models the API wires elsewhere (the portal's).
/// </summary>
public sealed class ReadModelDatabase(Action<EventStoreOptions>? moreProjections = null) : IAsyncLifetime
{
    private readonly Dictionary<Guid, long> versions = [];
    private ServiceProvider services = null!;

    public NpgsqlDataSource DataSource => services.GetRequiredService<NpgsqlDataSource>();

    public IEventStore Store => services.GetRequiredService<IEventStore>();

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync(
            [typeof(DatabaseMigrator).Assembly, typeof(ProjectionsAssembly).Assembly]);
        services = Node(o =>
        {
            TicketReadModels.Configure(o);
            moreProjections?.Invoke(o);
        });
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    /// <summary>Appends each event to its ticket's stream at the version it is expected at, one append per call.</summary>
    public async Task AppendAsync(params TicketEvent[] events)
    {
        var appends = events.GroupBy(e => e.TicketId).Select(g =>
        {
            var expected = versions.GetValueOrDefault(g.Key);
            versions[g.Key] = expected + g.Count();
            var pending = g.Select(e => PendingEvent.Create(e, Metadata(e))).ToArray();
            return new StreamAppend(g.Key, TicketEventTypes.StreamType, ExpectedVersion.Exactly(expected), pending);
        }).ToArray();
        await Store.AppendAsync(appends, default);
    }

    public long VersionOf(Guid ticketId) => versions.GetValueOrDefault(ticketId);

    /// <summary>
    /// Rebuilds both ticket read models from the log the way an operator would (<c>projections rebuild NAME</c>): inline
    /// projections are truncated and replayed under the append lock, through their batch path, in batches of
    /// <paramref name="batchSize"/> events. Returns the events each replayed (the smaller count).
    /// </summary>
    public async Task<long> RebuildAsync(int batchSize = 5_000)
    {
        await using var cli = Node(o =>
        {
            TicketReadModels.Configure(o);
            o.RebuildBatchSize = batchSize;
        });
        var admin = cli.GetRequiredService<ProjectionAdmin>();
        var list = await admin.RebuildAsync("ticket_list");
        var details = await admin.RebuildAsync("ticket_details");
        return Math.Min(list.EventsReplayed, details.EventsReplayed);
    }

    /// <summary>
    /// Rebuilds one inline projection as <c>projections rebuild NAME</c> does, on a node wired by <paramref name="configure"/>
    /// (which must register <paramref name="projection"/>), in batches of <paramref name="batchSize"/> events.
    /// </summary>
    public async Task<long> RebuildAsync(string projection, int batchSize, Action<EventStoreOptions> configure)
    {
        await using var cli = Node(o =>
        {
            configure(o);
            o.RebuildBatchSize = batchSize;
        });
        return (await cli.GetRequiredService<ProjectionAdmin>().RebuildAsync(projection)).EventsReplayed;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The table's rows as text, ordered, for before/after comparisons.</summary>
    public async Task<string> SnapshotAsync(string table, string orderBy)
    {
        await using var command = DataSource.CreateCommand($"select coalesce(string_agg(t::text, E'\\n' order by {orderBy}), '') from {table} t");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private ServiceProvider Node(Action<EventStoreOptions> configure)
    {
        var collection = new ServiceCollection().AddLogging();
        var connectionString = ConnectionString;
        collection.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        collection.AddTicketingEventStore(o =>
        {
            o.RunAsyncProjections = false;
            configure(o);
        });
        return collection.BuildServiceProvider();
    }

    private static EventMetadata Metadata(TicketEvent e)
    {
        var actor = Facts.ActorOf(e);
        return new EventMetadata(actor.Id, "tester", actor.Kind.ToString(), Guid.CreateVersion7(), null);
    }
}
