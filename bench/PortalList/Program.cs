using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.Bench.PortalList;
using Ticketing.EventStore.Database;
using Ticketing.Projections;
using Ticketing.Projections.Portal;

// The portal list for a primary contact of a 10,000-ticket company in a 1,000,000-ticket database (issue 4):
// median and p99 of PortalTicketQueries.ListAsync as the API calls it, per scenario, plus the plan of the first page.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var root = Path.Combine(Path.GetTempPath(), $"portal-list-bench-{Environment.ProcessId}");
await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootFolder = root });
try
{
    await cluster.EnsureDatabaseAsync("portal_bench");
    await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString("portal_bench"));
    await DatabaseMigrator.MigrateAsync(dataSource, [.. MigrationAssemblies.All.Append(typeof(ProjectionsAssembly).Assembly).Distinct()]);
    var seeding = Stopwatch.StartNew();
    await PortalListSeed.SeedAsync(dataSource);
    Console.WriteLine($"Seeded {PortalListSeed.TotalTickets:N0} tickets ({PortalListSeed.CompanyTickets:N0} for the company) in {seeding.Elapsed.TotalSeconds:F0} s");

    var queries = new PortalTicketQueries(dataSource);
    var company = new PortalScope(PortalListSeed.Company, PortalListSeed.PrimaryContact, WholeCompany: true);
    var mine = company with { WholeCompany = false };
    var builtIns = new PortalVisibility(["open", "pending", "resolved", "closed"], null, DateTimeOffset.UtcNow.AddDays(30));
    var openOnly = builtIns with { VisibleStatusIds = ["open"] };
    var scenarios = new (string Name, Func<Task> Run)[]
    {
        ("company, first page (25)", () => queries.ListAsync(company, builtIns, new PortalTicketFilter(), default)),
        ("company, first page (100)", () => queries.ListAsync(company, builtIns, new PortalTicketFilter { Limit = 100 }, default)),
        ("company, page 20 via cursor", async () =>
        {
            string? cursor = null;
            for (var page = 0; page < 20; page++)
            {
                cursor = (await queries.ListAsync(company, builtIns, new PortalTicketFilter { Cursor = cursor }, default)).NextCursor;
            }
        }),
        ("company, priority=high & type=incident", () => queries.ListAsync(company, builtIns,
            new PortalTicketFilter { Priorities = ["high"], Types = ["incident"] }, default)),
        ("company, text contains 'vpn'", () => queries.ListAsync(company, builtIns, new PortalTicketFilter { TitleContains = "vpn" }, default)),
        ("company, only 'open' visible (10%)", () => queries.ListAsync(company, openOnly, new PortalTicketFilter(), default)),
        ("scope=mine", () => queries.ListAsync(mine, builtIns, new PortalTicketFilter(), default)),
    };

    Console.WriteLine();
    Console.WriteLine($"| scenario | median ms | p99 ms | runs |");
    Console.WriteLine($"| --- | ---: | ---: | ---: |");
    foreach (var (name, run) in scenarios)
    {
        for (var i = 0; i < 50; i++)
        {
            await run();
        }

        var runs = name.Contains("page 20", StringComparison.Ordinal) ? Math.Max(50, iterations / 20) : iterations;
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine($"| {name} | {times[runs / 2]:F2} | {times[(int)Math.Ceiling(runs * 0.99) - 1]:F2} | {runs} |");
    }

    await using var explain = dataSource.CreateCommand("""
        explain (analyze, buffers, costs off)
        select p.id from portal_tickets p left join users a on a.id = p.assignee_id
        where not p.deleted and p.customer_id = $1 and p.status_id = any($2) and (p.series_id is null or p.due_date <= $3)
        order by p.created_at desc, p.id desc limit 26
        """);
    explain.Parameters.Add(new NpgsqlParameter { Value = PortalListSeed.Company });
    explain.Parameters.Add(new NpgsqlParameter { Value = new[] { "open", "pending", "resolved", "closed" } });
    explain.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.AddDays(30) });
    Console.WriteLine();
    await using var reader = await explain.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine(reader.GetString(0));
    }
}
finally
{
    await cluster.DisposeAsync();
    Directory.Delete(root, recursive: true);
}
