namespace Ticketing.Bench;

/// <summary>
/// Issues 3 and 7: create ticket and post reply over HTTP against the real API in its own process; the API's cold start
/// and memory ride on the same load.
/// </summary>
public static class HttpScenario
{
    private const int Customers = 10;
    private const int CreateClients = 16;
    private const int WarmUpRequests = 200;
    private static readonly int[] ReplyClients = [16, 8, 32, 128];

    /// <summary>
    /// Runs against <paramref name="connectionString"/>'s database, migrated already, or empty with
    /// <paramref name="migratedByApi"/>: then a first start of the API under test migrates it (any revision's API runs
    /// here, <c>--api DIR</c>) and the measured cold start is the second, on a migrated database as in the other case.
    /// </summary>
    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results, double pgbenchTps, string work, bool migratedByApi)
    {
        if (migratedByApi)
        {
            await using var migrating = await ApiProcess.StartAsync(connectionString, Path.Combine(work, "api-data"), settings.ApiTree);
        }

        await using var api = await ApiProcess.StartAsync(connectionString, Path.Combine(work, "api-data"), settings.ApiTree);
        const string apiSetting = "API child process (Release, Production, Kestrel on loopback), durable cluster";
        results.Add("api process", "cold start to ready", api.ColdStart.TotalMilliseconds, "ms",
            "process start to first /health/ready 200, database running and migrated");
        using var client = new ApiClient(api.BaseAddress);
        var cpu = new CpuMeter(api.ProcessId, Path.Combine(work, "data"));
        await client.SignInAsTechnicianAsync();
        var customers = await client.CreateCustomersAsync(Customers);

        // JIT, connection pools and prepared statements warm up outside the measured phases, for both commands measured.
        var (_, warmTickets) = await client.CreateTicketsAsync(customers, CreateClients, WarmUpRequests);
        await LoadRunner.RunCountAsync(ReplyClients[0], warmTickets.Length == 0 ? 0 : WarmUpRequests, (_, _) =>
            client.PostReplyAsync(warmTickets[Random.Shared.Next(warmTickets.Length)]));
        await MessageBacklog.DrainAsync(connectionString);
        if (settings.ProfileSql)
        {
            await SqlProfile.ResetAsync(connectionString);
        }

        var cpuBefore = cpu.Take();
        var (create, existing) = await client.CreateTicketsAsync(customers, CreateClients, settings.Requests);
        if (settings.ProfileSql)
        {
            await SqlProfile.WriteAsync(connectionString, "http create ticket", settings.Requests, settings.ResultsFolder, "sql-profile-create.md");
        }

        Report(results, "http create ticket", create, $"{CreateClients} clients, {settings.Requests:N0} requests, {Customers} customers; {apiSetting}", pgbenchTps);
        await ReportBacklogAsync(results, "http create ticket", connectionString);
        ReportCpu(results, "http create ticket", cpuBefore, cpu.Take(), create.Operations);
        if (existing.Length == 0)
        {
            Console.Error.WriteLine("  No ticket was created (see the errors above), so the reply phases are skipped.");
        }

        foreach (var clients in existing.Length == 0 ? [] : ReplyClients)
        {
            var profile = settings.ProfileSql && clients == ReplyClients[0];
            if (profile)
            {
                await SqlProfile.ResetAsync(connectionString);
            }

            cpuBefore = cpu.Take();
            var replies = await LoadRunner.RunCountAsync(clients, settings.Requests, (_, _) =>
                client.PostReplyAsync(existing[Random.Shared.Next(existing.Length)]));
            var setting = $"{clients} clients, {settings.Requests:N0} requests on {existing.Length:N0} existing tickets (random); {apiSetting}";
            Report(results, $"http post reply @{clients}", replies, setting, pgbenchTps);
            await ReportBacklogAsync(results, $"http post reply @{clients}", connectionString);
            ReportCpu(results, $"http post reply @{clients}", cpuBefore, cpu.Take(), replies.Operations);
            if (profile)
            {
                await SqlProfile.WriteAsync(connectionString, $"http post reply @{clients}", settings.Requests, settings.ResultsFolder);
            }
        }

        results.Add("api process", "peak working set (VmHWM)", api.PeakWorkingSetMiB(), "MiB", "over cold start, create and all reply phases; the API's own runtime configuration (workstation GC since ADR 0034)");
        results.Add("api process", "working set at end (VmRSS)", api.WorkingSetMiB(), "MiB", "after the last reply phase");
    }

    private static void Report(BenchResults results, string scenario, LoadFigures f, string setting, double pgbenchTps)
    {
        results.Add(scenario, "requests/s", f.PerSecond, "req/s", setting);
        results.Add(scenario, "p50", f.P50Ms, "ms", setting);
        results.Add(scenario, "p99", f.P99Ms, "ms", setting);
        results.Add(scenario, "errors", f.Errors, "count", setting);
        if (pgbenchTps > 0)
        {
            results.Add(scenario, "ratio to pgbench", f.PerSecond / pgbenchTps, "x", "same cluster, same run");
        }
    }

    // The phase's messages are handled before its CPU is read: CPU per request includes the work the requests set off.
    private static async Task ReportBacklogAsync(BenchResults results, string scenario, string connectionString)
    {
        var (atEnd, drained, left) = await MessageBacklog.DrainAsync(connectionString);
        const string setting = "Wolverine incoming envelopes not yet handled when the last request returned; 0 where the API has none";
        results.Add(scenario, "messages queued at phase end", atEnd, "count", setting);
        results.Add(scenario, "backlog drain", drained.TotalMilliseconds, "ms", $"until none is left (at most {MessageBacklog.Limit.TotalMinutes:N0} min); {left} left");
    }

    private static void ReportCpu(BenchResults results, string scenario, CpuMeter.Sample before, CpuMeter.Sample after, long requests)
    {
        const string setting = "CPU seconds (user + system, /proc) over the phase divided by its requests";
        var perRequest = 1000.0 / Math.Max(1, requests);
        results.Add(scenario, "cpu per request: api", (after.Api - before.Api) * perRequest, "ms", setting);
        results.Add(scenario, "cpu per request: postgres", (after.Postgres - before.Postgres) * perRequest, "ms", setting + "; postmaster and its children");
        results.Add(scenario, "cpu per request: load generator", (after.Generator - before.Generator) * perRequest, "ms", setting + "; the bench process");
    }
}
