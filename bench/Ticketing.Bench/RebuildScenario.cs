using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Ticketing.Projections.Rebuilds;

namespace Ticketing.Bench;

/// <summary>
/// Issue 7 #5: rebuild of the ticket read models from a seeded log, through <see cref="ReadModelRebuilder"/> as the admin
/// endpoint runs it (online: the projection's one definition fills shadow copies page by page, then indexes them and
/// swaps them in under a short lock on <c>mt_events</c>). There is one path per read model, so one figure each: the
/// events of the log replayed per second, from the call to its return (shadow tables, pages, index build and swap).
/// </summary>
public static class RebuildScenario
{
    private static readonly (string Name, string Table)[] ReadModels = [("ticket_list", "ticket_list"), ("ticket_details", "ticket_details")];

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results)
    {
        await using var dataSource = BenchDatabase.ApiLikeDataSource(connectionString);
        using var store = BenchDatabase.ApiStore(dataSource);
        var seeding = Stopwatch.StartNew();
        var streams = await LogSeeder.SeedAsync(dataSource, store, settings.RebuildEvents);
        var events = (long)streams.Count * LogSeeder.EventsPerTicket;
        Console.WriteLine($"Seeded {events:N0} events ({streams.Count:N0} tickets) into mt_events by COPY in {seeding.Elapsed.TotalSeconds:0} s");
        await MartenLogWriter.VerifyAsync(dataSource, store, [streams[0], streams[streams.Count / 2], streams[^1]]);

        var log = $"{events:N0} events (6 per ticket, {streams.Count:N0} tickets) in mt_events; ReadModelRebuilder (online: shadow tables, pages of 2,000, " +
            "index build, swap), API-like data source";
        foreach (var (name, table) in ReadModels)
        {
            var (perSecond, rows) = await RebuildAsync(dataSource, store, name, table);
            results.Add($"rebuild {name}", "events/s", perSecond, "events/s", log);
            results.Add($"rebuild {name}", "one row per ticket", rows == streams.Count ? 1 : 0, "1 = yes", $"{rows:N0} rows in {table} for {streams.Count:N0} tickets");
        }
    }

    /// <summary>Runs one rebuild; returns the events it replayed per second and the rows of <paramref name="table"/> after it.</summary>
    public static async Task<(double PerSecond, long Rows)> RebuildAsync(NpgsqlDataSource dataSource, Marten.IDocumentStore store, string name, string table)
    {
        var rebuilder = new ReadModelRebuilder(store, dataSource, TimeProvider.System, NullLogger<ReadModelRebuilder>.Instance);
        var clock = Stopwatch.StartNew();
        var outcome = await rebuilder.RebuildAsync(name, null, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        if (outcome != RebuildOutcome.Completed)
        {
            throw new InvalidOperationException($"Rebuild of {name} did not run: {outcome}.");
        }

        var state = (await RebuildStatus.AllAsync(dataSource, CancellationToken.None))[name];
        await using var count = dataSource.CreateCommand($"select count(*) from {table}");
        return (state.EventsDone / seconds, (long)(await count.ExecuteScalarAsync())!);
    }
}
