using Ticketing.Api.Hosting.Database;
using Ticketing.Bench;

if (args.Length > 0 && args[0] == "--merge")
{
    // bench/side-by-side.sh: old and new runs into one table (no cluster is started).
    return await SideBySide.RunAsync(args[1..]);
}

// One run, one machine, one cluster: every figure below is measured against the same durable PostgreSQL,
// so their ratios hold even though absolute numbers vary between machines.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var root = Path.Combine(Path.GetTempPath(), $"ticketing-bench-{Guid.NewGuid():N}"[..28]);
Console.WriteLine($"Ticketing benchmark: cluster in {root}, {settings.Duration.TotalSeconds:0} s per timed phase, {settings.Requests:N0} requests per HTTP phase");
await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
{
    RootFolder = root,
    Durable = true,
    Settings = settings.ProfileSql ? SqlProfile.ServerSettings : new Dictionary<string, string>(),
});
var failed = new List<string>();
var results = new BenchResults($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
try
{
    // The append scenario's bench events get a database of their own, apart from the API's tickets.
    var appendDatabase = settings.Runs("append") || settings.RunsHttp ? await BenchDatabase.CreateMigratedAsync(cluster, "bench_append") : "";
    double tps = 0;
    if (settings.Runs("append") || settings.RunsHttp)
    {
        tps = await PgbenchBaseline.RunAsync(appendDatabase, settings.Writers, settings.Duration, PgbenchBaseline.Locate(), root);
        results.Add("pgbench insert event-sized row", "transactions/s", tps, "tps", $"{settings.Writers} clients, 1 row per transaction, durable cluster");
    }

    if (settings.Runs("append"))
    {
        await RunScenarioAsync("append", async () =>
        {
            await MartenAppendScenario.RunAsync(appendDatabase, settings, results);
            var appends = results.Find("event store append", "appends/s") ?? 0;
            results.Add("event store append", "ratio to pgbench", appends / tps, "x", "same cluster, same run");
        });
    }

    if (settings.RunsHttp)
    {
        // Another revision's API (--api DIR) migrates its own database; this tree's harness knows only this tree's schema.
        await RunScenarioAsync("http", async () =>
        {
            var migratedByApi = settings.ApiTree is not null;
            if (migratedByApi)
            {
                await cluster.EnsureDatabaseAsync("bench_http");
            }

            var database = migratedByApi ? cluster.ConnectionString("bench_http") : await BenchDatabase.CreateMigratedAsync(cluster, "bench_http");
            await HttpScenario.RunAsync(database, settings, results, tps, root, migratedByApi);
        });
    }

    if (settings.Runs("lag"))
    {
        // An empty database that the API under test migrates itself, so any revision's API runs here (--api DIR).
        await RunScenarioAsync("lag", async () =>
        {
            await cluster.EnsureDatabaseAsync("bench_lag");
            await MailLagScenario.RunAsync(cluster.ConnectionString("bench_lag"), settings, results, root);
        });
    }

    if (settings.Runs("rebuild"))
    {
        await RunScenarioAsync("rebuild", async () =>
            await RebuildScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_rebuild"), settings, results));
    }

    if (settings.Runs("portal"))
    {
        await RunScenarioAsync("portal", async () =>
            await PortalScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_portal"), settings, results));
    }

    if (settings.Runs("chain"))
    {
        await RunScenarioAsync("chain", async () =>
            await ChainCostScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_chain"), settings, results, root));
    }

    if (settings.Runs("portalweb"))
    {
        await RunScenarioAsync("portalweb", async () =>
            await PortalWebScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_portalweb"), settings, results, root));
    }

    await results.WriteAsync(settings.ResultsFolder);
    Console.WriteLine($"Results written to {Path.GetFullPath(settings.ResultsFolder)}/latest.md and latest.json");
}
finally
{
    await cluster.DisposeAsync();
    Directory.Delete(root, recursive: true);
}

return failed.Count == 0 ? 0 : 1;

// A scenario that throws is reported (a "failed" figure) and the run goes on, so one broken scenario keeps the others' figures.
async Task RunScenarioAsync(string scenario, Func<Task> run)
{
    try
    {
        await run();
    }
    catch (Exception e)
    {
        failed.Add(scenario);
        Console.Error.WriteLine($"Scenario {scenario} failed: {e}");
        results.Add($"scenario {scenario}", "failed", 1, "1 = yes", e.GetType().Name + ": " + e.Message.Split('\n')[0]);
    }
}
