using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests;

public sealed class TicketListQueryTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();
    private readonly Guid customerA = Guid.CreateVersion7();
    private readonly Guid customerB = Guid.CreateVersion7();
    private readonly Guid contact = Guid.CreateVersion7();
    private readonly Guid technician = Guid.CreateVersion7();
    private readonly Guid a1 = Guid.CreateVersion7(), a2 = Guid.CreateVersion7(), b1 = Guid.CreateVersion7(), b2 = Guid.CreateVersion7();

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.AppendAsync(
            Created(a1, customerA, T0, "VPN drops hourly", contact: contact, queue: "Network", priority: "P1", source: TicketSource.Portal),
            Created(a2, customerA, T0.AddMinutes(1), "Printer jam", assignee: technician, queue: "Hardware", priority: "P3"),
            Created(b1, customerB, T0.AddMinutes(2), "New laptop 50%_off", status: "waiting", category: StatusCategory.Pending),
            Created(b2, customerB, T0.AddMinutes(3), "vpn certificate expired", source: TicketSource.Email, priority: "P1"));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    public static TheoryData<string, TicketListFilter, string[]> Filters() => new()
    {
        { "none", new(), ["b2", "b1", "a2", "a1"] },
        { "status id", new() { StatusId = "waiting" }, ["b1"] },
        { "status category", new() { StatusCategory = StatusCategory.Open }, ["b2", "a2", "a1"] },
        { "queue", new() { Queue = "Network" }, ["a1"] },
        { "source", new() { Source = TicketSource.Email }, ["b2"] },
        { "priority", new() { Priority = "P1" }, ["b2", "a1"] },
        { "title, case-insensitive", new() { TitleContains = "VPN" }, ["b2", "a1"] },
        { "title, wildcards are literal", new() { TitleContains = "50%_" }, ["b1"] },
        { "title, a bare wildcard only matches itself", new() { TitleContains = "%" }, ["b1"] },
        { "combined", new() { Priority = "P1", TitleContains = "vpn", Source = TicketSource.Portal }, ["a1"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_narrows_the_list_newest_first(string _, TicketListFilter filter, string[] expected)
    {
        var names = new Dictionary<Guid, string> { [a1] = "a1", [a2] = "a2", [b1] = "b1", [b2] = "b2" };

        var page = await Query(filter);

        page.Items.Select(i => names[i.Id]).ShouldBe(expected);
    }

    [Fact]
    public async Task Customer_contact_and_assignee_filters_select_their_tickets()
    {
        (await Query(new() { CustomerId = customerA })).Items.Select(i => i.Id).ShouldBe([a2, a1]);
        (await Query(new() { ContactId = contact })).Items.Select(i => i.Id).ShouldBe([a1]);
        (await Query(new() { AssigneeId = technician })).Items.Select(i => i.Id).ShouldBe([a2]);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_ticket_once_even_when_created_at_ties()
    {
        var customer = Guid.CreateVersion7();
        var ids = Enumerable.Range(0, 23).Select(_ => Guid.NewGuid()).ToArray();
        // Ten tickets share one instant, so only the id tie-breaker orders them.
        await db.AppendAsync([.. ids.Select((id, i) => Created(id, customer, T0.AddSeconds(i < 10 ? 0 : i)))]);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Query(new() { CustomerId = customer, Limit = 4, Cursor = cursor, IncludeTotal = pages == 0 });
            if (pages == 0)
            {
                page.Total.ShouldBe(23);
            }
            else
            {
                page.Total.ShouldBeNull();
            }

            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(6);
        seen.ShouldBe(ids.Select((id, i) => (id, at: i < 10 ? 0 : i)).OrderByDescending(x => x.at)
            .ThenByDescending(x => x.id.ToString()).Select(x => x.id));
    }

    [Fact]
    public async Task The_last_page_has_no_cursor_and_the_total_counts_all_matches_not_the_page()
    {
        var page = await Query(new() { Limit = 4, IncludeTotal = true });
        page.NextCursor.ShouldBeNull();
        page.Total.ShouldBe(4);

        var first = await Query(new() { Limit = 1, IncludeTotal = true, Priority = "P1" });
        first.Items.Count.ShouldBe(1);
        first.Total.ShouldBe(2);
        first.NextCursor.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("AAAA")]
    [InlineData("__________________________________________")]
    public async Task A_malformed_cursor_is_a_typed_error(string cursor) =>
        await Should.ThrowAsync<InvalidCursorException>(() => Query(new() { Cursor = cursor }));

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_limit_outside_1_to_200_is_refused(int limit) =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Query(new() { Limit = limit }));

    private Task<TicketListPage> Query(TicketListFilter filter) => new TicketListQuery(db.DataSource).ExecuteAsync(filter, default);
}
