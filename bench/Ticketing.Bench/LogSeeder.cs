using Marten;
using Npgsql;
using Ticketing.Domain.Tickets;

namespace Ticketing.Bench;

/// <summary>
/// Writes a ticket event log into Marten's tables with binary COPY (<see cref="MartenLogWriter"/>, no read model runs): six
/// events per ticket (created, public reply, internal note, resolved, fields changed, assigned). Tickets come in blocks of
/// 1,000 whose events interleave, so a rebuild page holds whole tickets and tickets split across pages.
/// </summary>
public static class LogSeeder
{
    public const int EventsPerTicket = 6;
    private const int Block = 1_000;

    /// <summary>Seeds the log; returns the tickets (streams) written, whose events then number <see cref="EventsPerTicket"/> each.</summary>
    public static async Task<IReadOnlyList<SeedStream>> SeedAsync(NpgsqlDataSource dataSource, IDocumentStore store, int events)
    {
        var tech = Actor.Technician(MartenLogWriter.Metadata.ActorId!.Value);
        var customers = Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7()).ToArray();
        var tickets = Enumerable.Range(0, Math.Max(1, events / EventsPerTicket)).Select(_ => Guid.CreateVersion7()).ToArray();
        var t0 = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        DateTimeOffset At(int n, int version) => t0.AddMinutes(n).AddHours(version);

        var streams = tickets.Select((id, n) => new SeedStream(id, EventsPerTicket, At(n, 1), At(n, EventsPerTicket))).ToArray();
        await MartenLogWriter.WriteAsync(dataSource, store, streams, Log());
        return streams;

        IEnumerable<SeedEvent> Log()
        {
            for (var start = 0; start < tickets.Length; start += Block)
            {
                var count = Math.Min(Block, tickets.Length - start);
                for (var version = 1; version <= EventsPerTicket; version++)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var n = start + i;
                        var at = At(n, version);
                        yield return new SeedEvent(tickets[n], version, Event(tickets[n], version, n, customers, tech, at), at);
                    }
                }
            }
        }
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
