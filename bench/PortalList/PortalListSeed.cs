using Npgsql;

namespace Ticketing.Bench.PortalList;

/// <summary>
/// Fills <c>portal_tickets</c> directly with generated rows: the figure measured is the portal list's READ path,
/// and a million tickets through the event store would take the run's whole budget without changing the read.
/// The target company has <see cref="CompanyTickets"/> tickets among <see cref="TotalTickets"/>.
/// </summary>
public static class PortalListSeed
{
    public const int TotalTickets = 1_000_000;
    public const int CompanyTickets = 10_000;
    public const int OtherCompanies = 990;

    public static readonly Guid Company = Guid.Parse("00000000-0000-7000-8000-00000000c0de");
    public static readonly Guid PrimaryContact = Guid.Parse("00000000-0000-7000-8000-0000000c0001");

    public static async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            insert into users (id, role, username, email, first_name, last_name, password_hash, created_at, updated_at)
            select ('00000000-0000-7000-8000-' || lpad(to_hex(t), 12, '0'))::uuid, 'technician', 'tech' || t,
                   'tech' || t || '@msp.example', 'Tech', 'Nr ' || t, 'x', now(), now()
            from generate_series(1, 20) t;

            -- Ticket n belongs to the target company when n % 100 = 0 (10,000 rows spread through the whole table,
            -- as a real company's tickets are), else to one of {OtherCompanies} others. Statuses: 10% open, 10% pending,
            -- 10% resolved, 65% closed, 5% a hidden custom one; 2% belong to a recurring series.
            insert into portal_tickets (id, number, title, customer_id, contact_id, status_id, status_category, priority,
                impact, type, assignee_id, series_id, due_date, created_at, updated_at, version)
            select gen_random_uuid(),
                   'T' || to_char(created, 'YYYYMMDD') || '.' || lpad((n % 10000)::text, 4, '0'),
                   (array['Printer', 'VPN', 'Laptop', 'Mail', 'Phone', 'Server'])[1 + n % 6] || ' issue ' || n,
                   case when n % 100 = 0 then '{Company}'::uuid
                        else ('00000000-0000-7000-8000-' || lpad(to_hex(1 + n % {OtherCompanies}), 12, '0'))::uuid end,
                   case when n % 100 = 0 then ('00000000-0000-7000-8000-0000000c' || lpad(to_hex(1 + (n / 100) % 50), 4, '0'))::uuid
                        else gen_random_uuid() end,
                   s.id, s.category,
                   (array['low', 'medium', 'high', 'critical'])[1 + n % 4],
                   (array['user', 'team', 'company'])[1 + n % 3],
                   (array['incident', 'request', 'problem'])[1 + n % 5 % 3],
                   ('00000000-0000-7000-8000-' || lpad(to_hex(1 + n % 20), 12, '0'))::uuid,
                   case when n % 50 = 7 then gen_random_uuid() end,
                   case when n % 50 = 7 then now() + make_interval(days => (n % 120) - 30) end,
                   created, created, 3
            from generate_series(1, {TotalTickets}) n
            cross join lateral (select now() - make_interval(secs => ({TotalTickets} - n) * 90 + (n::bigint * 7919) % 60) as created) c
            cross join lateral (select case
                when n % 20 < 2 then 'open' when n % 20 < 4 then 'pending' when n % 20 < 6 then 'resolved'
                when n % 20 = 19 then 'waiting-vendor' else 'closed' end as id) sid
            cross join lateral (select sid.id, case sid.id when 'waiting-vendor' then 'pending' else sid.id end as category) s;
            analyze portal_tickets;
            analyze users;
            """);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
