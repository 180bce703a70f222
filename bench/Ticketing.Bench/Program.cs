using Ticketing.Bench;
using Ticketing.EventStore.Database;

// One run, one machine, one cluster: every figure below is measured against the same durable PostgreSQL,
// so their ratios hold even though absolute numbers vary between machines.
var settings = BenchSettings.Parse(args);
var root = Path.Combine(Path.GetTempPath(), $"ticketing-bench-{Guid.NewGuid():N}"[..28]);
Console.WriteLine($"Ticketing benchmark: cluster in {root}, {settings.Duration.TotalSeconds:0} s per phase");
await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootFolder = root, Durable = true });
var results = new BenchResults($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
try
{
    var connectionString = await BenchDatabase.CreateMigratedAsync(cluster, "bench");
    if (settings.Runs("append"))
    {
        var pgbench = Path.Combine(Path.GetDirectoryName(PostgresBinaries.Locate(null) + "/")!, "pgbench");
        var tps = await PgbenchBaseline.RunAsync(connectionString, settings.Writers, settings.Duration, pgbench, root);
        results.Add("pgbench insert event-sized row", "transactions/s", tps, "tps", $"{settings.Writers} clients, 1 row per transaction, durable cluster");
        await EventStoreAppendScenario.RunAsync(connectionString, settings, results);
        var appends = results.Find("event store append", "appends/s") ?? 0;
        results.Add("event store append", "ratio to pgbench", appends / tps, "x", "same cluster, same run");
    }

    await results.WriteAsync(settings.ResultsFolder);
    Console.WriteLine($"Results written to {Path.GetFullPath(settings.ResultsFolder)}/latest.md and latest.json");
}
finally
{
    await cluster.DisposeAsync();
    Directory.Delete(root, recursive: true);
}
