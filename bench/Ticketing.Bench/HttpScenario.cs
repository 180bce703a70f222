using System.Globalization;
using Npgsql;

namespace Ticketing.Bench;

/// <summary>
/// Issues 3 and 7: create ticket and post reply over HTTP against the real API in its own process; the async
/// projection lag (<see cref="LagProbe"/>) and the API's memory ride on the same load.
/// </summary>
public static class HttpScenario
{
    private const int Customers = 10;
    private const int CreateClients = 16;
    private static readonly int[] ReplyClients = [16, 8, 32, 128];

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results, double pgbenchTps, string work)
    {
        await using var api = await ApiProcess.StartAsync(connectionString, Path.Combine(work, "api-data"));
        const string apiSetting = "API child process (Release, Production, Kestrel on loopback), durable cluster";
        results.Add("api process", "cold start to ready", api.ColdStart.TotalMilliseconds, "ms",
            "process start to first /health/ready 200, database running and migrated");
        using var client = new ApiClient(api.BaseAddress);
        var cpu = new CpuMeter(api.ProcessId, Path.Combine(work, "data"));
        await client.SignInAsTechnicianAsync();
        var customers = new Guid[Customers];
        for (var i = 0; i < customers.Length; i++)
        {
            customers[i] = await client.CreateCustomerAsync(i);
        }

        // JIT, connection pools and prepared statements warm up outside the measured phases.
        await LoadRunner.RunCountAsync(CreateClients, 200, (_, n) => client.CreateTicketAsync(customers[n % Customers], n));
        var tickets = new Guid[settings.Requests];
        long created = 0;
        var cpuBefore = cpu.Take();
        var create = await LoadRunner.RunCountAsync(CreateClients, settings.Requests, async (_, n) =>
            tickets[Interlocked.Increment(ref created) - 1] = await client.CreateTicketAsync(customers[n % Customers], n));
        Report(results, "http create ticket", create, $"{CreateClients} clients, {settings.Requests:N0} requests, {Customers} customers; {apiSetting}", pgbenchTps);
        ReportCpu(results, "http create ticket", cpuBefore, cpu.Take(), create.Operations);
        var existing = tickets.Where(t => t != Guid.Empty).ToArray();

        await using var lag = settings.Runs("lag") ? await LagProbe.StartAsync(connectionString) : null;
        if (lag is not null)
        {
            await lag.CatchUpAsync(TimeSpan.FromMinutes(5));
        }

        foreach (var clients in ReplyClients)
        {
            var profile = settings.ProfileSql && clients == ReplyClients[0];
            if (profile)
            {
                await SqlProfile.ResetAsync(connectionString);
            }

            var from = DateTimeOffset.UtcNow;
            cpuBefore = cpu.Take();
            var replies = await LoadRunner.RunCountAsync(clients, settings.Requests, (_, _) =>
                client.PostReplyAsync(existing[Random.Shared.Next(existing.Length)]));
            var setting = $"{clients} clients, {settings.Requests:N0} requests on {existing.Length:N0} existing tickets (random); {apiSetting}";
            Report(results, $"http post reply @{clients}", replies, setting, pgbenchTps);
            ReportCpu(results, $"http post reply @{clients}", cpuBefore, cpu.Take(), replies.Operations);
            if (profile)
            {
                await SqlProfile.WriteAsync(connectionString, $"http post reply @{clients}", settings.Requests, settings.ResultsFolder);
            }

            if (lag is not null)
            {
                await lag.CatchUpAsync(TimeSpan.FromMinutes(2));
                await ReportLagAsync(connectionString, results, clients, from, DateTimeOffset.UtcNow);
            }
        }

        if (lag is not null)
        {
            await ReportSkippedAsync(connectionString, results, lag);
        }

        results.Add("api process", "peak working set (VmHWM)", api.PeakWorkingSetMiB(), "MiB", "over cold start, create and all reply phases; server GC");
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

    private static void ReportCpu(BenchResults results, string scenario, CpuMeter.Sample before, CpuMeter.Sample after, long requests)
    {
        const string setting = "CPU seconds (user + system, /proc) over the phase divided by its requests";
        var perRequest = 1000.0 / Math.Max(1, requests);
        results.Add(scenario, "cpu per request: api", (after.Api - before.Api) * perRequest, "ms", setting);
        results.Add(scenario, "cpu per request: postgres", (after.Postgres - before.Postgres) * perRequest, "ms", setting + "; postmaster and its children");
        results.Add(scenario, "cpu per request: load generator", (after.Generator - before.Generator) * perRequest, "ms", setting + "; includes the lag probe when it runs");
    }

    private static async Task ReportLagAsync(string connectionString, BenchResults results, int clients, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select count(*), coalesce(percentile_cont(0.5) within group (order by ms), 0), coalesce(percentile_cont(0.99) within group (order by ms), 0),
                coalesce(max(ms), 0)
            from (select extract(epoch from applied_at - recorded_at) * 1000 as ms from bench_lag where recorded_at between $1 and $2) l
            """, connection)
        {
            Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = from }, new NpgsqlParameter<DateTimeOffset> { TypedValue = to } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var setting = string.Create(CultureInfo.InvariantCulture,
            $"during post reply @{clients}: {reader.GetInt64(0):N0} events; runner in another process, poll {LagProbe.PollInterval.TotalMilliseconds:0} ms; recorded_at to projection write");
        results.Add($"async projection lag @{clients}", "p50", reader.GetDouble(1), "ms", setting);
        results.Add($"async projection lag @{clients}", "p99", reader.GetDouble(2), "ms", setting);
        results.Add($"async projection lag @{clients}", "max", reader.GetDouble(3), "ms", setting);
    }

    private static async Task ReportSkippedAsync(string connectionString, BenchResults results, LagProbe lag)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from events e where e.type like 'ticket.%' and not exists (select 1 from bench_lag l where l.event_id = e.id)", connection);
        var missing = (long)(await command.ExecuteScalarAsync())!;
        var status = await lag.Admin.GetStatusAsync(LagProjection.ProjectionName);
        results.Add("async projection lag", "ticket events not projected", missing, "count", "whole run, after catch-up (0 = none skipped)");
        results.Add("async projection lag", "dead letters", status.DeadLetters, "count",
            "a second application fails on the primary key; events of types the probe does not register land here too");
    }
}
