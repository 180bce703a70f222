using Npgsql;
using NpgsqlTypes;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore.Serialization;
using Ticketing.Projections.Tickets;

namespace Ticketing.Bench;

/// <summary>
/// The portal list's database (issue 7 #4), written as an event log by binary COPY: one <see cref="TicketCreated"/> per
/// ticket, spread over <see cref="Companies"/> customers. Ticket n belongs to the measured company when n % 100 = 0, so
/// its tickets lie through the whole log as a real company's do; it has 50 contacts, the first of them primary.
/// Statuses: 10% open, 10% pending, 10% resolved, 65% closed, 5% a custom one the portal does not show.
/// </summary>
public static class PortalLogSeeder
{
    public const int Companies = 1_000;
    public const int Contacts = 50;
    private static readonly string[] Titles = ["Printer", "VPN", "Laptop", "Mail", "Phone", "Server"];
    private static readonly string[] Priorities = ["low", "medium", "high", "critical"];
    private static readonly string[] Impacts = ["user", "team", "company"];
    private static readonly string[] Types = ["incident", "request", "problem"];

    public static readonly Guid Company = Guid.Parse("00000000-0000-7000-8000-00000000c0de");

    public static Guid Contact(int i) => Guid.Parse($"00000000-0000-7000-8000-0000000c{i:x4}");

    public static Guid PrimaryContact => Contact(1);

    public static async Task<long> SeedAsync(string connectionString, int tickets)
    {
        var registry = new EventTypeRegistry();
        TicketEventTypes.Register(registry);
        var tech = Actor.Technician(Guid.CreateVersion7());
        var others = Enumerable.Range(0, Companies - 1).Select(_ => Guid.CreateVersion7()).ToArray();
        var technicians = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-90.0 * tickets);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy events (id, stream_id, version, type, data, metadata, recorded_at) from stdin (format binary)"))
        {
            for (var n = 1; n <= tickets; n++)
            {
                var id = Guid.CreateVersion7();
                var at = t0.AddSeconds(90.0 * n);
                var ours = n % 100 == 0;
                // The attributes cycle on the company's own count, so its tickets spread over every value (on n they
                // would all share n % 100 = 0, and a filter would match all or none of them).
                var k = ours ? n / 100 : n;
                var (status, category) = (k % 20) switch
                {
                    < 2 => ("open", StatusCategory.Open),
                    < 4 => ("pending", StatusCategory.Pending),
                    < 6 => ("resolved", StatusCategory.Resolved),
                    19 => ("waiting-vendor", StatusCategory.Pending),
                    _ => ("closed", StatusCategory.Closed),
                };
                var created = new TicketCreated(id, $"T{at:yyyyMMdd}.{n % 10_000:0000}",
                    TicketFields.Titled($"{Titles[k % Titles.Length]} issue {n}") with
                    {
                        Description = "Generated for the portal list benchmark.",
                        Priority = Priorities[k % 4], Impact = Impacts[k % 3], Type = Types[k % 5 % 3],
                    },
                    status, category, TicketSource.Portal,
                    ours ? Company : others[n % others.Length],
                    ours ? Contact(1 + k % Contacts) : Guid.CreateVersion7(),
                    technicians[n % technicians.Length], null, tech, at);
                var (alias, json) = registry.Serialize(created);
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(alias, NpgsqlDbType.Text);
                await copy.WriteAsync(json, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(LogSeeder.Metadata, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
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
        return tickets;
    }
}
