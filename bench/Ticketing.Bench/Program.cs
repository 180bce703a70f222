using Ticketing.Bench;
using Ticketing.EventStore.Database;

// One run, one machine, one cluster: every figure below is measured against the same durable PostgreSQL,
// so their ratios hold even though absolute numbers vary between machines.
var settings = BenchSettings.Parse(args);
var root = Path.Combine(Path.GetTempPath(), $"ticketing-bench-{Guid.NewGuid():N}"[..28]);
Console.WriteLine($"Ticketing benchmark: cluster in {root}, {settings.Duration.TotalSeconds:0} s per timed phase, {settings.Requests:N0} requests per HTTP phase");
await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
{
    RootFolder = root,
    Durable = true,
    Settings = settings.ProfileSql ? SqlProfile.ServerSettings : new Dictionary<string, string>(),
});
var results = new BenchResults($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
try
{
    // The append scenario's bench events get a database of their own: the API's async projections would dead-letter them.
    var appendDatabase = await BenchDatabase.CreateMigratedAsync(cluster, "bench_append");
    double tps = 0;
    if (settings.Runs("append") || settings.RunsHttp)
    {
        tps = await PgbenchBaseline.RunAsync(appendDatabase, settings.Writers, settings.Duration, PgbenchBaseline.Locate(), root);
        results.Add("pgbench insert event-sized row", "transactions/s", tps, "tps", $"{settings.Writers} clients, 1 row per transaction, durable cluster");
    }

    if (settings.Runs("append"))
    {
        await EventStoreAppendScenario.RunAsync(appendDatabase, settings, results);
        var appends = results.Find("event store append", "appends/s") ?? 0;
        results.Add("event store append", "ratio to pgbench", appends / tps, "x", "same cluster, same run");
    }

    if (settings.RunsHttp)
    {
        await HttpScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_http"), settings, results, tps, root);
    }

    if (settings.Runs("rebuild"))
    {
        await RebuildScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_rebuild"), settings, results);
    }

    if (settings.Runs("portal"))
    {
        await PortalScenario.RunAsync(await BenchDatabase.CreateMigratedAsync(cluster, "bench_portal"), settings, results);
    }

    await results.WriteAsync(settings.ResultsFolder);
    Console.WriteLine($"Results written to {Path.GetFullPath(settings.ResultsFolder)}/latest.md and latest.json");
}
finally
{
    await cluster.DisposeAsync();
    Directory.Delete(root, recursive: true);
}
