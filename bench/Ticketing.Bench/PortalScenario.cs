using System.Diagnostics;
using Ticketing.Projections.Portal;

namespace Ticketing.Bench;

/// <summary>
/// Issue 7 #4: the portal ticket list of a primary contact whose company has 1% of a 1,000,000-ticket database. The log
/// is written into Marten's tables by binary COPY and the read model built by <c>ReadModelRebuilder</c> (its events/s is a
/// figure too); then 32 concurrent clients call <see cref="PortalTicketQueries.ListAsync"/> as the portal endpoint does,
/// for each scenario: first page and page 50 (by cursor), with and without filters.
/// </summary>
public static class PortalScenario
{
    private const int Clients = 32;

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results)
    {
        var tickets = settings.PortalTickets;
        var seeding = Stopwatch.StartNew();
        var dataSource = BenchDatabase.ApiLikeDataSource(connectionString);
        await using (dataSource)
        {
            using var store = BenchDatabase.ApiStore(dataSource);
            var streams = await PortalLogSeeder.SeedAsync(dataSource, store, tickets);
            Console.WriteLine($"Seeded {tickets:N0} TicketCreated events into mt_events by COPY in {seeding.Elapsed.TotalSeconds:0} s");
            await MartenLogWriter.VerifyAsync(dataSource, store, [streams[0], streams[streams.Count / 2], streams[^1]]);

            var (rebuilt, rows) = await RebuildScenario.RebuildAsync(dataSource, store, "portal_tickets", "portal_tickets");
            var log = $"{tickets:N0} events (1 per ticket, {PortalLogSeeder.Companies:N0} customers) in mt_events; ReadModelRebuilder (online: shadow " +
                "tables, pages of 2,000, index build, swap)";
            results.Add("rebuild portal_tickets", "events/s", rebuilt, "events/s", log);
            results.Add("rebuild portal_tickets", "rows", rows, "count", $"rows in portal_tickets after the rebuild, for {tickets:N0} tickets");
            await using (var analyze = dataSource.CreateCommand("analyze portal_tickets"))
            {
                await analyze.ExecuteNonQueryAsync();
            }

            var queries = new PortalTicketQueries(dataSource);
            var company = new PortalScope(PortalLogSeeder.Company, PortalLogSeeder.PrimaryContact, WholeCompany: true);
            var visible = new PortalVisibility(["open", "pending", "resolved", "closed"], null, DateTimeOffset.UtcNow.AddDays(30));
            var filtered = new PortalTicketFilter { Priorities = ["high", "critical"], Types = ["incident"] };
            var common = $"{Clients} concurrent clients, {settings.Duration.TotalSeconds:0} s, PortalTicketQueries.ListAsync in-process " +
                $"(the portal endpoint's query, one round trip), {tickets:N0} tickets, company has {tickets / 100:N0}, page size 25";
            var scenarios = new (string Name, PortalScope Scope, PortalTicketFilter Filter, int Page)[]
            {
                ("portal list: first page", company, new PortalTicketFilter(), 1),
                ("portal list: page 50 by cursor", company, new PortalTicketFilter(), 50),
                ("portal list: first page, priority & type filter", company, filtered, 1),
                ("portal list: page 50, priority & type filter", company, filtered, 50),
                ("portal list: first page, title contains 'vpn'", company, new PortalTicketFilter { TitleContains = "vpn" }, 1),
                ("portal list: first page, scope=mine", company with { WholeCompany = false }, new PortalTicketFilter(), 1),
            };
            foreach (var (name, scope, filter, page) in scenarios)
            {
                var (cursor, reached) = await CursorOfPageAsync(queries, scope, visible, filter, page);
                var request = filter with { Cursor = cursor };
                var setting = reached == page ? common : $"{common}; the scenario has only {reached} pages, so page {reached}";
                var figures = await LoadRunner.RunAsync(Clients, settings.Duration, (_, _) => queries.ListAsync(scope, visible, request, default), settings.WarmUp);
                results.Add(name, "p50", figures.P50Ms, "ms", setting);
                results.Add(name, "p99", figures.P99Ms, "ms", setting);
                results.Add(name, "requests/s", figures.PerSecond, "req/s", setting);
                results.Add(name, "errors", figures.Errors, "count", setting);

                // The same query alone: its own latency, without the queue 32 clients build on two cores.
                var alone = await LoadRunner.RunAsync(1, settings.Duration / 2, (_, _) => queries.ListAsync(scope, visible, request, default));
                results.Add(name, "p50, 1 client", alone.P50Ms, "ms", setting.Replace($"{Clients} concurrent clients", "1 client", StringComparison.Ordinal));
                results.Add(name, "p99, 1 client", alone.P99Ms, "ms", setting.Replace($"{Clients} concurrent clients", "1 client", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>The cursor that asks for page <paramref name="page"/>, walking the pages as a client does (or the last page).</summary>
    private static async Task<(string? Cursor, int Page)> CursorOfPageAsync(
        PortalTicketQueries queries, PortalScope scope, PortalVisibility visible, PortalTicketFilter filter, int page)
    {
        string? cursor = null;
        for (var i = 1; i < page; i++)
        {
            var next = (await queries.ListAsync(scope, visible, filter with { Cursor = cursor }, default)).NextCursor;
            if (next is null)
            {
                return (cursor, i);
            }

            cursor = next;
        }

        return (cursor, page);
    }
}
