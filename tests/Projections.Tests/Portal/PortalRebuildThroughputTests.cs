using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore;
using Ticketing.EventStore.Serialization;
using Ticketing.Projections.Portal;
using Ticketing.Projections.Tickets;
using Xunit.Abstractions;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// Rebuilds <c>portal_tickets</c> from a 100,000-event log once per event and once in batches, and prints both rates.
/// Times are not asserted (the machine is shared); the two rebuilt tables must have the same md5.
/// </summary>
public sealed class PortalRebuildThroughputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 100_000;
    private const int EventsPerTicket = 8;
    private const int Block = 1_000;
    private const string Metadata = """{"actorId":"0195c0de-0000-7000-8000-00000000000a","actorName":"tech@msp.example","actorRole":"technician","correlationId":"0195c0de-0000-7000-8000-00000000000b"}""";
    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Rebuild_rates_per_event_and_in_batches()
    {
        await SeedAsync();

        var (perEvent, perEventSeconds, perEventMd5) = await RebuildAsync(o => o.AddInlineProjection<PerEventPortalProjection>());
        var (batched, batchSeconds, batchMd5) = await RebuildAsync(o => o.AddInlineProjection<PortalTicketProjection>());

        output.WriteLine($"portal_tickets rebuild, {Events:N0} events, batches of 5,000 events:");
        output.WriteLine($"  per event: {perEventSeconds:F2} s, {perEvent / perEventSeconds:N0} events/s");
        output.WriteLine($"  batch:     {batchSeconds:F2} s, {batched / batchSeconds:N0} events/s");
        (perEvent, batched).ShouldBe((Events, Events));
        batchMd5.ShouldBe(perEventMd5);
    }

    private async Task<(long Events, double Seconds, string Md5)> RebuildAsync(Action<EventStoreOptions> projection)
    {
        var clock = Stopwatch.StartNew();
        var replayed = await db.RebuildAsync("portal_tickets", 5_000, o => projection(o.ConfigureEvents(TicketEventTypes.Register)));
        var seconds = clock.Elapsed.TotalSeconds;
        await using var md5 = db.DataSource.CreateCommand(
            "select md5(coalesce(string_agg(t::text, E'\\n' order by id), '')) || ':' || count(*) from portal_tickets t");
        return (replayed, seconds, (string)(await md5.ExecuteScalarAsync())!);
    }

    // Straight into the log with binary COPY (no projection runs); tickets in blocks whose events interleave, so a batch
    // holds whole tickets and pieces of others.
    private async Task SeedAsync()
    {
        var registry = new EventTypeRegistry();
        TicketEventTypes.Register(registry);
        var tickets = Enumerable.Range(0, Events / EventsPerTicket).Select(_ => Guid.CreateVersion7()).ToArray();
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy events (id, stream_id, version, type, data, metadata, recorded_at) from stdin (format binary)"))
        {
            for (var start = 0; start < tickets.Length; start += Block)
            {
                for (var version = 1; version <= EventsPerTicket; version++)
                {
                    for (var i = start; i < Math.Min(start + Block, tickets.Length); i++)
                    {
                        var at = T0.AddMinutes(i).AddHours(version);
                        var (alias, json) = registry.Serialize(Event(tickets[i], version, i, at));
                        await copy.StartRowAsync();
                        await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                        await copy.WriteAsync(tickets[i], NpgsqlDbType.Uuid);
                        await copy.WriteAsync((long)version, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(alias, NpgsqlDbType.Text);
                        await copy.WriteAsync(json, NpgsqlDbType.Jsonb);
                        await copy.WriteAsync(Metadata, NpgsqlDbType.Jsonb);
                        await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    }
                }
            }

            await copy.CompleteAsync();
        }

        await db.ExecuteAsync("""
            insert into streams (id, type, version, created_at, updated_at)
            select stream_id, 'ticket', max(version), min(recorded_at), max(recorded_at) from events group by stream_id
            """);
        await db.ExecuteAsync("vacuum analyze events");
    }

    private static TicketEvent Event(Guid id, int version, int n, DateTimeOffset at) => version switch
    {
        1 => Created(id, Guid.CreateVersion7(), at, $"Printer {n}", queue: "Support", priority: "P3", number: $"T{n}"),
        2 => Reply(id, "public", at: at),
        3 => Reply(id, "note", ReplyVisibility.Internal, at: at),
        4 => new TicketStatusChanged(id, "open", "resolved", StatusCategory.Resolved, Tech, at),
        5 => new TicketFieldsChanged(id, new TicketFieldChanges { Priority = new("P2"), DueDate = new(at.AddDays(1)) }, Tech, at),
        6 => new TechnicianAssigned(id, Tech.Id, Tech, at),
        7 => new TicketBilled(id, Tech, at),
        _ => new TicketStatusChanged(id, "resolved", "closed", StatusCategory.Closed, Tech, at),
    };
}
