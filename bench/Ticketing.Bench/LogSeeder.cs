using Npgsql;
using NpgsqlTypes;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore.Serialization;
using Ticketing.Projections.Tickets;

namespace Ticketing.Bench;

/// <summary>
/// Writes a ticket event log straight into <c>events</c>/<c>streams</c> with binary COPY (no projections run): six
/// events per ticket (created, public reply, internal note, resolved, fields changed, assigned). Tickets come in
/// blocks of 1,000 whose events interleave, so a rebuild batch holds whole tickets and tickets split across batches.
/// </summary>
public static class LogSeeder
{
    private const int EventsPerTicket = 6;
    private const int Block = 1_000;
    /// <summary>The metadata every seeded event carries: a technician acting through the API.</summary>
    internal const string Metadata = """{"actorId":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d70","actorName":"tech@msp.example","actorRole":"technician","correlationId":"0193a7c2-5b7e-7c41-9f4e-2d1a3b4c5d71"}""";

    public static async Task<long> SeedAsync(string connectionString, int events)
    {
        var registry = new EventTypeRegistry();
        TicketEventTypes.Register(registry);
        var tech = Actor.Technician(Guid.CreateVersion7());
        var customers = Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7()).ToArray();
        var tickets = Enumerable.Range(0, Math.Max(1, events / EventsPerTicket)).Select(_ => Guid.CreateVersion7()).ToArray();
        var t0 = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy events (id, stream_id, version, type, data, metadata, recorded_at) from stdin (format binary)"))
        {
            for (var start = 0; start < tickets.Length; start += Block)
            {
                var block = tickets.AsSpan(start, Math.Min(Block, tickets.Length - start)).ToArray();
                for (var version = 1; version <= EventsPerTicket; version++)
                {
                    for (var i = 0; i < block.Length; i++)
                    {
                        var at = t0.AddMinutes(start + i).AddHours(version);
                        var (alias, json) = registry.Serialize(Event(block[i], version, start + i, customers, tech, at));
                        await copy.StartRowAsync();
                        await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                        await copy.WriteAsync(block[i], NpgsqlDbType.Uuid);
                        await copy.WriteAsync((long)version, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(alias, NpgsqlDbType.Text);
                        await copy.WriteAsync(json, NpgsqlDbType.Jsonb);
                        await copy.WriteAsync(Metadata, NpgsqlDbType.Jsonb);
                        await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                        written++;
                    }
                }
            }

            await copy.CompleteAsync();
        }

        await using var streams = new NpgsqlCommand("""
            insert into streams (id, type, version, created_at, updated_at)
            select stream_id, 'ticket', max(version), min(recorded_at), max(recorded_at) from events group by stream_id
            on conflict (id) do nothing
            """, connection) { CommandTimeout = 0 };
        await streams.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("vacuum analyze events", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
        return written;
    }

    private static TicketEvent Event(Guid id, int version, int n, Guid[] customers, Actor tech, DateTimeOffset at) => version switch
    {
        1 => new TicketCreated(id, $"T20260105.{n % 10_000:0000}",
            TicketFields.Titled($"Printer {n} prints blank pages") with
            {
                Description = "Since this morning the printer on floor 2 prints blank pages.", Priority = "P3", Queue = "Support",
                CustomFields = new Dictionary<string, string?> { ["site"] = "HQ" },
            },
            "open", StatusCategory.Open, TicketSource.Phone, customers[n % customers.Length], null, null, null, tech, at),
        2 => new ReplyPosted(id, Guid.CreateVersion7(), tech, "Restarted the spooler; please try again.", ReplyVisibility.Public, false, [], null, at),
        3 => new ReplyPosted(id, Guid.CreateVersion7(), tech, "Driver 4.2 is the culprit.", ReplyVisibility.Internal, false, [], null, at),
        4 => new TicketStatusChanged(id, "open", "resolved", StatusCategory.Resolved, tech, at),
        5 => new TicketFieldsChanged(id, new TicketFieldChanges
        {
            Priority = new("P2"), CustomFields = new Dictionary<string, string?> { ["site"] = null, ["floor"] = "2" },
        }, tech, at),
        _ => new TechnicianAssigned(id, tech.Id, tech, at),
    };
}
