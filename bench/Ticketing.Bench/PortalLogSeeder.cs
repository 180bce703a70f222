using Marten;
using Npgsql;
using Ticketing.Domain.Tickets;

namespace Ticketing.Bench;

/// <summary>
/// The portal list's database (issue 7 #4), written as an event log into Marten's tables by binary COPY
/// (<see cref="MartenLogWriter"/>): one <see cref="TicketCreated"/> per ticket, spread over <see cref="Companies"/>
/// customers. Ticket n belongs to the measured company when n % 100 = 0, so its tickets lie through the whole log as a
/// real company's do; it has 50 contacts, the first of them primary. Statuses: 10% open, 10% pending, 10% resolved,
/// 65% closed, 5% a custom one the portal does not show.
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

    /// <summary>Seeds the log; returns the tickets (streams, one event each).</summary>
    public static Task<IReadOnlyList<SeedStream>> SeedAsync(NpgsqlDataSource dataSource, IDocumentStore store, int tickets) =>
        SeedAsync(dataSource, store, tickets, Company, [.. Enumerable.Range(1, Contacts).Select(Contact)]);

    /// <summary>
    /// Seeds the log with <paramref name="company"/> as the measured company and <paramref name="contacts"/> as its
    /// contacts (the first one primary): the <c>portalweb</c> scenario passes a customer and contacts the API created, so
    /// the API resolves them as it resolves any contact.
    /// </summary>
    public static async Task<IReadOnlyList<SeedStream>> SeedAsync(
        NpgsqlDataSource dataSource, IDocumentStore store, int tickets, Guid company, IReadOnlyList<Guid> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var tech = Actor.Technician(MartenLogWriter.Metadata.ActorId!.Value);
        var others = Enumerable.Range(0, Companies - 1).Select(_ => Guid.CreateVersion7()).ToArray();
        var technicians = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-90.0 * tickets);
        DateTimeOffset At(int n) => t0.AddSeconds(90.0 * n);

        // Ticket n (1-based) is stream n - 1.
        var streams = Enumerable.Range(1, tickets).Select(n => new SeedStream(Guid.CreateVersion7(), 1, At(n), At(n))).ToArray();
        await MartenLogWriter.WriteAsync(dataSource, store, streams, Log());
        return streams;

        IEnumerable<SeedEvent> Log()
        {
            for (var n = 1; n <= tickets; n++)
            {
                var id = streams[n - 1].Id;
                var at = At(n);
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
                    ours ? company : others[n % others.Length],
                    ours ? contacts[k % contacts.Count] : Guid.CreateVersion7(),
                    technicians[n % technicians.Length], null, tech, at);
                yield return new SeedEvent(id, 1, created, at);
            }
        }
    }
}
