using Npgsql;
using Ticketing.Api.Audit.Chain;

namespace Ticketing.Bench;

/// <summary>
/// Issue 19: what the tamper-evident chain (ADR 0024) costs on the reply path. One API process, one database, one warm
/// state: reply phases at 16 clients with the chain's trigger on and off, interleaved on-off-off-on-… so a drift of the
/// machine over the run falls on both sides alike. Between phases the trigger is switched with
/// <c>alter table mt_events enable/disable trigger</c> and, after an off phase, the events it skipped are linked by
/// <c>event_chain_backfill()</c> (not measured), so the next on phase appends to complete chains. Each pair of phases
/// gives a ratio; the figures are the median and the range of those ratios, and the CPU per reply of each process and
/// the WAL per reply summed over each side's phases. The run ends by checking that every event is linked.
/// </summary>
public static class ChainCostScenario
{
    private const int Clients = 16;
    private const int Customers = 10;
    private const int Tickets = 2_000;

    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results, string work)
    {
        var rounds = settings.Quick ? 2 : 12;
        var perPhase = Math.Max(200, settings.Requests / 4);
        await using var api = await ApiProcess.StartAsync(connectionString, Path.Combine(work, "chain-api-data"), settings.ApiTree);
        using var client = new ApiClient(api.BaseAddress);
        var cpu = new CpuMeter(api.ProcessId, Path.Combine(work, "data"));
        await client.SignInAsTechnicianAsync();
        var customers = await client.CreateCustomersAsync(Customers);
        var (_, tickets) = await client.CreateTicketsAsync(customers, Clients, Tickets);
        if (tickets.Length == 0)
        {
            throw new InvalidOperationException("No ticket was created; see the errors above.");
        }

        Task Replies(int count) => LoadRunner.RunCountAsync(Clients, count, (_, _) => client.PostReplyAsync(tickets[Random.Shared.Next(tickets.Length)]));

        // Warm both modes: JIT, pools, prepared statements, and the plan of the trigger's own statements.
        await SetChainAsync(connectionString, on: false);
        await Replies(perPhase / 4);
        await SetChainAsync(connectionString, on: true);
        await Replies(perPhase / 4);
        await MessageBacklog.DrainAsync(connectionString);

        var sides = new Dictionary<bool, Side> { [true] = new(), [false] = new() };
        var ratios = new List<double>();
        var p99Ratios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // on, off | off, on | on, off ...: each mode runs first in half of the rounds.
            var order = round % 2 == 0 ? new[] { true, false } : [false, true];
            var phase = new Dictionary<bool, LoadFigures>();
            foreach (var on in order)
            {
                await SetChainAsync(connectionString, on);
                var walBefore = await WalAsync(connectionString);
                var before = cpu.Take();
                var figures = await LoadRunner.RunCountAsync(Clients, perPhase, (_, _) => client.PostReplyAsync(tickets[Random.Shared.Next(tickets.Length)]));
                await MessageBacklog.DrainAsync(connectionString);
                var after = cpu.Take();
                sides[on].Add(figures, before, after, await WalAsync(connectionString) - walBefore);
                phase[on] = figures;
                Console.WriteLine($"  chain {(on ? "on " : "off")} round {round + 1}: {figures.PerSecond:N0} req/s, p99 {figures.P99Ms:0.0} ms, {figures.Errors} errors");
            }

            ratios.Add(phase[true].PerSecond / phase[false].PerSecond);
            p99Ratios.Add(phase[true].P99Ms / phase[false].P99Ms);
        }

        await SetChainAsync(connectionString, on: true);
        var setting = $"{Clients} clients, {rounds} rounds of one phase per mode ({perPhase:N0} requests each, order alternating), {tickets.Length:N0} tickets; one API process and database";
        foreach (var (on, side) in sides)
        {
            var mode = on ? "chain on" : "chain off";
            results.Add("chain cost: reply @16", $"{mode}: requests/s (all phases)", side.Operations / side.Seconds, "req/s", setting);
            results.Add("chain cost: reply @16", $"{mode}: p99 (median of phases)", Median(side.P99s), "ms", setting);
            results.Add("chain cost: reply @16", $"{mode}: errors", side.Errors, "count", setting);
            results.Add("chain cost: reply @16", $"{mode}: cpu per request: api", side.ApiSeconds * 1000 / side.Operations, "ms", "CPU seconds over the mode's phases / its requests");
            results.Add("chain cost: reply @16", $"{mode}: cpu per request: postgres", side.PostgresSeconds * 1000 / side.Operations, "ms", "CPU seconds over the mode's phases / its requests; postmaster and its children");
            results.Add("chain cost: reply @16", $"{mode}: WAL per request", side.WalBytes / (double)side.Operations, "bytes", "pg_current_wal_lsn difference over the mode's phases / its requests");
        }

        results.Add("chain cost: reply @16", "throughput on/off (median of rounds)", Median(ratios), "x", $"{setting}; range {ratios.Min():0.###}–{ratios.Max():0.###}");
        results.Add("chain cost: reply @16", "p99 on/off (median of rounds)", Median(p99Ratios), "x", $"range {p99Ratios.Min():0.###}–{p99Ratios.Max():0.###}");
        results.Add("chain cost: reply @16", "postgres cpu per request on/off", sides[true].PostgresSeconds / sides[true].Operations / (sides[false].PostgresSeconds / sides[false].Operations), "x", "all phases of each mode");
        results.Add("chain cost: reply @16", "events not linked at the end", await UnlinkedAsync(connectionString), "count", "after the last backfill; must be 0");
    }

    private static async Task SetChainAsync(string connectionString, bool on)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"alter table mt_events {(on ? "enable" : "disable")} trigger {EventChainSchema.TriggerName}", connection, tx))
        {
            await command.ExecuteNonQueryAsync();
        }

        if (on)
        {
            // The events appended while the trigger was off get their links, under the trigger change's lock.
            await using var backfill = new NpgsqlCommand("select event_chain_backfill()", connection, tx) { CommandTimeout = 600 };
            await backfill.ExecuteScalarAsync();
        }

        await tx.CommitAsync();
    }

    private static async Task<long> WalAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> UnlinkedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from mt_events e where not exists (select from event_chain c where c.seq_id = e.seq_id)", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class Side
    {
        public long Operations { get; private set; }
        public long Errors { get; private set; }
        public double Seconds { get; private set; }
        public double ApiSeconds { get; private set; }
        public double PostgresSeconds { get; private set; }
        public long WalBytes { get; private set; }
        public List<double> P99s { get; } = [];

        public void Add(LoadFigures figures, CpuMeter.Sample before, CpuMeter.Sample after, long wal)
        {
            Operations += figures.Operations;
            Errors += figures.Errors;
            Seconds += figures.Seconds;
            ApiSeconds += after.Api - before.Api;
            PostgresSeconds += after.Postgres - before.Postgres;
            WalBytes += wal;
            P99s.Add(figures.P99Ms);
        }
    }
}
