using JasperFx;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Rebuilds;
using Ticketing.TestInfrastructure;

namespace Ticketing.Projections.Tests;

/// <summary>
/// A fresh database cloned from the migrated template and a Marten store configured exactly as the API configures the
/// event store (<see cref="TicketingEventStore.Configure"/>), so appends run the read models inline. The schema is the
/// template's: the store never creates or changes schema objects. <paramref name="configure"/> adds test-only settings.
/// </summary>
public sealed class ReadModelDatabase(Action<StoreOptions>? configure = null) : IAsyncLifetime
{
    private readonly Dictionary<Guid, long> versions = [];

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public DocumentStore Store { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
        // As the API's data source: statements are prepared server-side after two uses.
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        DataSource = builder.Build();
        Store = NewStore(configure);
    }

    public async Task DisposeAsync()
    {
        Store?.Dispose();
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
    }

    /// <summary>Another store on the same database (another node, or an older or newer version of the app).</summary>
    public DocumentStore NewStore(Action<StoreOptions>? more = null)
    {
        var options = TicketingEventStore.Configure(new StoreOptions());
        options.Connection(DataSource);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        more?.Invoke(options);
        return new DocumentStore(options);
    }

    /// <summary>
    /// Appends each ticket's events to its stream at the version it is expected at (a new stream is started), stamped as
    /// the command path stamps them, all in one session: one transaction.
    /// </summary>
    public async Task AppendAsync(params TicketEvent[] events)
    {
        await using var session = Store.LightweightSession();
        foreach (var stream in events.GroupBy(e => e.TicketId))
        {
            var expected = versions.GetValueOrDefault(stream.Key);
            var stamped = stream.Select(e => Stamped(session, e)).ToArray();
            if (expected == 0)
            {
                session.Events.StartStream<Ticket>(stream.Key, stamped);
            }
            else
            {
                session.Events.Append(stream.Key, expected + stamped.Length, stamped);
            }
        }

        await session.SaveChangesAsync();
        foreach (var stream in events.GroupBy(e => e.TicketId))
        {
            versions[stream.Key] = versions.GetValueOrDefault(stream.Key) + stream.Count();
        }
    }

    public long VersionOf(Guid ticketId) => versions.GetValueOrDefault(ticketId);

    /// <summary>The rebuilder the API runs, reading the log <paramref name="pageSize"/> events at a time.</summary>
    public ReadModelRebuilder Rebuilder(int pageSize = 2_000) =>
        new(Store, DataSource, TimeProvider.System, NullLogger<ReadModelRebuilder>.Instance) { PageSize = pageSize };

    /// <summary>Rebuilds the named read models one after the other, as an operator would.</summary>
    public Task RebuildAsync(params string[] names) => RebuildAsync(2_000, names);

    public async Task RebuildAsync(int pageSize, params string[] names)
    {
        foreach (var name in names)
        {
            (await Rebuilder(pageSize).RebuildAsync(name, null, default)).ShouldBe(RebuildOutcome.Completed);
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The table's rows as text, ordered, for before/after comparisons.</summary>
    public Task<string> SnapshotAsync(string table, string orderBy) =>
        ScalarAsync<string>($"select coalesce(string_agg(t::text, E'\\n' order by {orderBy}), '') from {table} t");

    /// <summary><paramref name="e"/> as the command path stores it: its own id, its time as recorded time, who did it.</summary>
    public static JasperFx.Events.IEvent Stamped(IDocumentSession session, TicketEvent e) =>
        session.Stamp(PendingEvent.Create(e, Metadata(e)), EventStamping.StoredPrecision(e.At));

    public static EventMetadata Metadata(TicketEvent e)
    {
        var actor = Facts.ActorOf(e);
        return new EventMetadata(actor.Id, "tester", actor.Kind.ToString(), Guid.CreateVersion7(), null);
    }
}
