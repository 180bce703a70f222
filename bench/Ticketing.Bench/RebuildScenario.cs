using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore;
using Ticketing.EventStore.Projections;
using Ticketing.Projections.Tickets;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.List;

namespace Ticketing.Bench;

/// <summary>
/// Issue 7 #5: rebuild of the inline ticket read models from a seeded log, through <see cref="ProjectionAdmin"/> as
/// the CLI runs it. Each projection is rebuilt twice in the same run: one statement per event (the projection hidden
/// behind a plain <see cref="IProjection"/>, the path before the batch projections) and the set-based batch path;
/// the two results are compared row for row.
/// </summary>
public static class RebuildScenario
{
    public static async Task RunAsync(string connectionString, BenchSettings settings, BenchResults results)
    {
        var seeded = await LogSeeder.SeedAsync(connectionString, settings.RebuildEvents);
        var log = $"{seeded:N0} events (6 per ticket), inline rebuild in one transaction under the append lock, batch 5,000, auto-prepare on";
        foreach (var (name, order) in new[] { ("ticket_list", "id"), ("ticket_details", "id") })
        {
            var perEvent = await RebuildAsync(connectionString, name, batched: false);
            var before = await ChecksumAsync(connectionString, name, order);
            var batched = await RebuildAsync(connectionString, name, batched: true);
            var after = await ChecksumAsync(connectionString, name, order);
            results.Add($"rebuild {name}", "per-event statements", perEvent, "events/s", log);
            results.Add($"rebuild {name}", "batch (unnest) statements", batched, "events/s", log);
            results.Add($"rebuild {name}", "same rows both ways", before == after ? 1 : 0, "1 = yes", "md5 of the ordered tables after each rebuild");
        }
    }

    private static async Task<double> RebuildAsync(string connectionString, string name, bool batched)
    {
        await using var dataSource = BenchDatabase.ApiLikeDataSource(connectionString);
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton(dataSource)
            .AddTicketingEventStore(o =>
            {
                o.RunAsyncProjections = false;
                o.ConfigureEvents(TicketEventTypes.Register);
                _ = batched
                    ? o.AddInlineProjection<TicketListProjection>().AddInlineProjection<TicketDetailProjection>()
                    : o.AddInlineProjection<PerEventTicketList>().AddInlineProjection<PerEventTicketDetails>();
            })
            .BuildServiceProvider();
        var clock = Stopwatch.StartNew();
        var result = await services.GetRequiredService<ProjectionAdmin>().RebuildAsync(name);
        return result.EventsReplayed / clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> ChecksumAsync(string connectionString, string name, string order)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var timeline = name == "ticket_details"
            ? " || (select md5(coalesce(string_agg(t::text, '' order by ticket_id, entry_id), '')) from ticket_timeline t)"
            : "";
        await using var command = new NpgsqlCommand(
            $"select (select md5(coalesce(string_agg(t::text, '' order by {order}), '')) from {name} t){timeline}", connection) { CommandTimeout = 0 };
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>The ticket list without its batch path: one statement per event, as every rebuild ran before.</summary>
public sealed class PerEventTicketList : IProjection
{
    private readonly TicketListProjection inner = new();

    public string Name => inner.Name;

    public IReadOnlyList<string> Tables => inner.Tables;

    public void Apply(RecordedEvent @event, NpgsqlBatch batch) => inner.Apply(@event, batch);
}

/// <summary>The ticket details and timeline without their batch path.</summary>
public sealed class PerEventTicketDetails : IProjection
{
    private readonly TicketDetailProjection inner = new();

    public string Name => inner.Name;

    public IReadOnlyList<string> Tables => inner.Tables;

    public void Apply(RecordedEvent @event, NpgsqlBatch batch) => inner.Apply(@event, batch);
}
