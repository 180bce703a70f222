using System.Text.Json;
using Npgsql;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;
using Xunit.Abstractions;

namespace Ticketing.Projections.Tests;

/// <summary>
/// Proves each list query shape is served by an index once the table is big enough for the planner to care:
/// 50,000 rows written set-based straight into ticket_list (and 200,000 events into Marten's log), then ANALYZE.
/// </summary>
public sealed class TicketListPlanTests(TicketListPlanTests.BigTicketList table, ITestOutputHelper output) : IClassFixture<TicketListPlanTests.BigTicketList>
{
    private const int Rows = 50_000;
    private static readonly Guid Customer = Known("customer", 7);
    private static readonly Guid Contact = Known("contact", 7);
    private static readonly Guid Assignee = Known("assignee", 7);

    public static TheoryData<string, TicketListFilter> Shapes() => new()
    {
        { "no filter", new() },
        { "customer", new() { CustomerId = Customer } },
        { "contact", new() { ContactId = Contact } },
        { "assignee", new() { AssigneeId = Assignee } },
        { "queue", new() { Queue = "queue_3" } },
        { "status id", new() { StatusId = "status_5" } },
        { "status category", new() { StatusCategory = StatusCategory.Pending } },
        { "source", new() { Source = TicketSource.Email } },
        { "priority", new() { Priority = "P2" } },
        { "title", new() { TitleContains = "abc1" } },
        { "customer + status category", new() { CustomerId = Customer, StatusCategory = StatusCategory.Open } },
        { "queue + priority + title", new() { Queue = "queue_3", Priority = "P1", TitleContains = "ab" } },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_list_shape_reads_ticket_list_through_an_index(string shape, TicketListFilter filter)
    {
        var deepCursor = new TicketListCursor(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero), Guid.Empty);

        ShouldUseAnIndex(shape, await PlanAsync(TicketListSqlBuilder.Page(filter, after: null)));
        ShouldUseAnIndex(shape + " (deep page)", await PlanAsync(TicketListSqlBuilder.Page(filter, deepCursor)));
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("contact")]
    [InlineData("assignee")]
    public async Task Totals_of_selective_filters_are_counted_from_an_index(string shape)
    {
        var filter = shape switch
        {
            "customer" => new TicketListFilter { CustomerId = Customer },
            "contact" => new TicketListFilter { ContactId = Contact },
            _ => new TicketListFilter { AssigneeId = Assignee },
        };

        ShouldUseAnIndex(shape + " total", await PlanAsync(TicketListSqlBuilder.Count(filter)));
    }

    [Fact]
    public async Task The_audit_history_reads_the_log_through_the_stream_index()
    {
        await using var command = table.Db.DataSource.CreateCommand("explain (format json) " + TicketAuditQuery.HistorySql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Known("ticket", 7) });
        using var document = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        var plan = document.RootElement[0].GetProperty("Plan");

        var scans = Nodes(plan).Where(n => n.Relation == "mt_events" || n.Index?.Contains("mt_events", StringComparison.Ordinal) == true).ToList();
        output.WriteLine($"audit: {string.Join(" > ", scans.Select(n => $"{n.Type} {n.Index}"))}");
        scans.ShouldNotContain(n => n.Type == "Seq Scan", plan.ToString());
        scans.ShouldContain(n => n.Index == "pk_mt_events_stream_and_version", plan.ToString());
    }

    private void ShouldUseAnIndex(string shape, JsonElement plan)
    {
        var nodes = Nodes(plan).Where(n => n.Relation == "ticket_list" || n.Index?.StartsWith("ticket_list_", StringComparison.Ordinal) == true).ToList();
        output.WriteLine($"{shape}: {string.Join(" > ", nodes.Select(n => $"{n.Type} {n.Index}"))}");
        nodes.ShouldNotContain(n => n.Type == "Seq Scan", $"{shape}: {plan}");
        nodes.ShouldContain(n => n.Index != null, $"{shape}: {plan}");
    }

    private static IEnumerable<(string Type, string? Relation, string? Index)> Nodes(JsonElement node)
    {
        yield return (
            node.GetProperty("Node Type").GetString()!,
            node.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            node.TryGetProperty("Index Name", out var index) ? index.GetString() : null);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    private async Task<JsonElement> PlanAsync(NpgsqlBatchCommand query)
    {
        await using var command = table.Db.DataSource.CreateCommand("explain (format json) " + query.CommandText);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        using var document = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        return document.RootElement[0].GetProperty("Plan").Clone();
    }

    /// <summary>The seeded table, shared by the class: seeding and indexing 50,000 rows is the slow part.</summary>
    public sealed class BigTicketList : IAsyncLifetime
    {
        public ReadModelDatabase Db { get; } = new();

        public async Task InitializeAsync()
        {
            await Db.InitializeAsync();
            // 500 customers, 5,000 contacts, 50 technicians, 20 queues; 1% deleted; titles with varied trigrams.
            await Db.ExecuteAsync($$"""
                insert into ticket_list (id, number, side, title, status_id, status_category, priority, queue, source,
                    customer_id, contact_id, assignee_id, created_at, updated_at, version, deleted)
                select md5('ticket' || i)::uuid, 'T' || i, case when i % 50 = 0 then 'taskfire_copy' else 'msp' end,
                    'Ticket ' || md5(i::text), 'status_' || (i % 12), (array['open','pending','resolved','closed'])[i % 4 + 1],
                    'P' || (i % 4), 'queue_' || (i % 20), (array['portal','email','phone','technician','taskfire','assistant'])[i % 6 + 1],
                    md5('customer' || (i % 500))::uuid, md5('contact' || (i % 5000))::uuid, md5('assignee' || (i % 50))::uuid,
                    timestamptz '2026-01-01' + i * interval '1 minute', timestamptz '2026-01-01', 1, i % 100 = 0
                from generate_series(1, {{Rows}}) as i;
                analyze ticket_list;
                insert into mt_streams (id, type, version)
                select md5('ticket' || s)::uuid, 'ticket', 10 from generate_series(0, {{(Rows * 4 / 10) - 1}}) as s;
                insert into mt_events (seq_id, id, stream_id, version, type, data, timestamp)
                select nextval('mt_events_sequence'), gen_random_uuid(), md5('ticket' || (i / 10))::uuid, i % 10 + 1,
                    case when i % 100 = 9 then 'ticket.assigned_to_taskfire' else 'ticket.reply_posted' end, '{}', now()
                from generate_series(0, {{Rows * 4 - 1}}) as i;
                analyze mt_streams, mt_events;
                """);
        }

        public Task DisposeAsync() => Db.DisposeAsync();
    }

    // The same md5-derived ids the seed SQL gives (md5(text)::uuid), so filters hit existing rows.
    private static Guid Known(string prefix, int n) =>
        new(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(prefix + n))));
}
