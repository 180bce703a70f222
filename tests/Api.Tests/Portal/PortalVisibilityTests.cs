using System.Net;
using Alba;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Portal;

public sealed class VisibilityFactory : PortalApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ClassSettings =>
    [
        new("Tickets:CustomStatuses:0:Id", "on-hold"),
        new("Tickets:CustomStatuses:0:Name", "On hold"),
        new("Tickets:CustomStatuses:0:Category", "Pending"),
    ];
}

/// <summary>The visibility matrix (P2, P3, T9): who sees which ticket in the list and on the ticket page.</summary>
public sealed class PortalVisibilityTests(VisibilityFactory factory) : IClassFixture<VisibilityFactory>
{
    private readonly PortalDriver driver = new(factory);

    [Fact]
    public async Task A_contact_sees_own_tickets_and_a_primary_contact_the_whole_company()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var alice = await driver.ContactAsync(tech, customer);
        var bob = await driver.ContactAsync(tech, customer);
        var boss = await driver.ContactAsync(tech, customer, primary: true);
        var alices = await driver.TicketAsync(tech, customer, alice.Id, "Alice's printer");
        var bobs = await driver.TicketAsync(tech, customer, bob.Id, "Bob's laptop");
        var noContact = await driver.TicketAsync(tech, customer, null, "Phoned-in outage", new { source = "Phone" });

        (await driver.ItemsAsync(alice)).Ids().ShouldBe([alices]);
        (await driver.ItemsAsync(boss)).Ids().ShouldBe([noContact, bobs, alices]);
        (await driver.ItemsAsync(boss, "?scope=mine")).Ids().ShouldBeEmpty();
        (await driver.PageAsync(alice, alices)).Id.ShouldBe(alices);
        (await driver.PageAsync(boss, bobs)).Id.ShouldBe(bobs);
        await alice.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{bobs}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Another_company_s_contact_sees_nothing_and_gets_404_not_403()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var other = await driver.CustomerAsync(tech);
        var owner = await driver.ContactAsync(tech, customer, primary: true);
        var stranger = await driver.ContactAsync(tech, other, primary: true);
        var ticket = await driver.TicketAsync(tech, customer, owner.Id, "Company secret");

        (await driver.ItemsAsync(stranger)).ShouldBeEmpty();
        await stranger.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{ticket}"), HttpStatusCode.NotFound, "ticket.not_found");
        await stranger.ProblemAsync(s => s.Patch.Json(new { priority = "high" }).ToUrl($"/api/portal/tickets/{ticket}"), HttpStatusCode.NotFound, "ticket.not_found");
        await stranger.ProblemAsync(s => s.Post.Json(new { body = "hi" }).ToUrl($"/api/portal/tickets/{ticket}/replies"), HttpStatusCode.NotFound, "ticket.not_found");
        await stranger.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Staff_and_taskfire_users_are_refused_on_portal_routes()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var taskfire = await driver.StaffAsync("taskfire", customer);
        var admin = await driver.AdminAsync();

        foreach (var caller in new[] { tech, taskfire, admin })
        {
            await caller.ProblemAsync(s => s.Get.Url("/api/portal/tickets"), HttpStatusCode.Forbidden, "http.403");
            await caller.ProblemAsync(s => s.Post.Json(new { title = "x" }).ToUrl("/api/portal/tickets"), HttpStatusCode.Forbidden, "http.403");
        }

        await factory.Scenario(s =>
        {
            s.Get.Url("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
    }

    [Fact]
    public async Task Each_built_in_status_is_visible_and_an_unlisted_custom_status_is_hidden()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var byStatus = new Dictionary<string, Guid>();
        foreach (var status in new[] { "open", "pending", "resolved", "closed", "on-hold" })
        {
            byStatus[status] = await driver.TicketAsync(tech, customer, contact.Id, $"In {status}", new { status });
        }

        var listed = (await driver.ItemsAsync(contact)).Ids().ToList();
        listed.ShouldBe([byStatus["closed"], byStatus["resolved"], byStatus["pending"], byStatus["open"]]);
        await contact.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{byStatus["on-hold"]}"), HttpStatusCode.NotFound, "ticket.not_found");
        (await driver.ItemsAsync(contact, "?status=on-hold")).ShouldBeEmpty();
        (await driver.ItemsAsync(contact, "?status=pending&status=closed")).Ids().ShouldBe([byStatus["closed"], byStatus["pending"]]);

        // Making the custom status visible applies at once, without a rebuild.
        factory.Settings.Set("Ticketing:Portal:VisibleStatuses:0", "open");
        factory.Settings.Set("Ticketing:Portal:VisibleStatuses:1", "on-hold");
        try
        {
            (await driver.ItemsAsync(contact)).Ids().ShouldBe([byStatus["on-hold"], byStatus["open"]]);
            var page = await driver.PageAsync(contact, byStatus["on-hold"]);
            page.Status.ShouldNotBeNull().Value.Name.ShouldBe("On hold");
            await contact.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{byStatus["closed"]}"), HttpStatusCode.NotFound, "ticket.not_found");
        }
        finally
        {
            factory.Settings.Set("Ticketing:Portal:VisibleStatuses:0", null);
            factory.Settings.Set("Ticketing:Portal:VisibleStatuses:1", null);
        }
    }

    [Fact]
    public async Task A_series_ticket_shows_only_when_due_within_30_days()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var boss = await driver.ContactAsync(tech, customer, primary: true);
        var series = Guid.NewGuid();
        var soon = await driver.TicketAsync(tech, customer, boss.Id, "Patch day (soon)", new { seriesId = series, dueDate = DateTimeOffset.UtcNow.AddDays(29) });
        var later = await driver.TicketAsync(tech, customer, boss.Id, "Patch day (later)", new { seriesId = series, dueDate = DateTimeOffset.UtcNow.AddDays(31) });
        var overdue = await driver.TicketAsync(tech, customer, boss.Id, "Patch day (overdue)", new { seriesId = series, dueDate = DateTimeOffset.UtcNow.AddDays(-3) });
        var single = await driver.TicketAsync(tech, customer, boss.Id, "Not a series", new { dueDate = DateTimeOffset.UtcNow.AddDays(300) });

        (await driver.ItemsAsync(boss)).Ids().ShouldBe([single, overdue, soon]);
        (await driver.PageAsync(boss, soon)).Id.ShouldBe(soon);
        await boss.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{later}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Deleted_tickets_and_taskfire_copies_are_not_portal_tickets()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var taskfireUser = await driver.StaffAsync("taskfire", customer);
        var boss = await driver.ContactAsync(tech, customer, primary: true);
        var deleted = await driver.TicketAsync(tech, customer, boss.Id, "To delete");
        var shared = await driver.TicketAsync(tech, customer, boss.Id, "Co-managed");
        await driver.DeleteAsync(tech, deleted);
        await tech.CommandAsync(shared, "taskfire", new { queue = "Customer IT", resourceId = taskfireUser.Id, note = "Please swap the toner" });

        (await driver.ItemsAsync(boss)).Ids().ShouldBe([shared]);
        await boss.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{deleted}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task The_list_filters_and_pages_with_a_cursor()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var boss = await driver.ContactAsync(tech, customer, primary: true);
        var first = await driver.TicketAsync(tech, customer, boss.Id, "VPN drops", new { priority = "high", type = "incident", impact = "company" });
        var second = await driver.TicketAsync(tech, customer, boss.Id, "New mouse", new { priority = "low", type = "request", impact = "user" });
        var third = await driver.TicketAsync(tech, customer, boss.Id, "vpn slow", new { priority = "high", type = "incident", impact = "user" });

        (await driver.ItemsAsync(boss, "?priority=high")).Ids().ShouldBe([third, first]);
        (await driver.ItemsAsync(boss, "?type=request")).Ids().ShouldBe([second]);
        (await driver.ItemsAsync(boss, "?impact=user&priority=high")).Ids().ShouldBe([third]);
        (await driver.ItemsAsync(boss, "?text=VPN")).Ids().ShouldBe([third, first]);
        (await driver.ItemsAsync(boss, "?text=50%25")).ShouldBeEmpty();
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        (await driver.ItemsAsync(boss, $"?from={future}")).ShouldBeEmpty();
        (await driver.ItemsAsync(boss, $"?to={future}")).Count.ShouldBe(3);

        var page1 = await driver.ListAsync(boss, "?limit=2");
        page1.Items.Ids().ShouldBe([third, second]);
        var page2 = await driver.ListAsync(boss, $"?limit=2&cursor={page1.NextCursor.ShouldNotBeNull()}");
        page2.Items.Ids().ShouldBe([first]);
        page2.NextCursor.ShouldBeNull();

        await boss.ProblemAsync(s => s.Get.Url("/api/portal/tickets?cursor=garbage"), HttpStatusCode.BadRequest, "request.invalid");
        await boss.ProblemAsync(s => s.Get.Url("/api/portal/tickets?limit=101"), HttpStatusCode.BadRequest, "request.invalid");
    }
}
