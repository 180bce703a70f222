using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Dropping a catalogue entry that open tickets or workflow rules still use is a 409 that writes nothing.</summary>
public sealed class CatalogueRemovalTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    private const string VersionCount = "select count(*) from settings_versions";

    [Fact]
    public async Task Dropping_a_custom_status_held_by_an_open_ticket_is_409_naming_it_with_the_count_until_the_ticket_moves_on()
    {
        var admin = await api.ConfiguredAdminAsync();
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        (await technician.CommandAsync(id, "status", new { status = "on-hold" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var versions = await api.ScalarAsync<long>(VersionCount);

        var problem = await (await admin.PutCataloguesWithoutAsync("customStatuses", "on-hold")).ConflictAsync();

        problem["detail"]!.GetValue<string>().ShouldContain("'on-hold' (customStatuses) is held by 1 open ticket(s)");
        var inUse = problem["inUse"]!.AsArray().Single()!;
        ((string?)inUse["value"]).ShouldBe("on-hold");
        ((long)inUse["openTickets"]!).ShouldBe(1);
        (await api.ScalarAsync<long>(VersionCount)).ShouldBe(versions);

        (await technician.CommandAsync(id, "status", new { status = "open" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PutCataloguesWithoutAsync("customStatuses", "on-hold")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dropping_a_work_type_a_workflow_rule_sets_is_409_naming_the_rule_count_until_the_rule_is_gone()
    {
        var admin = await api.ConfiguredAdminAsync();
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Site visits", trigger = "ticket_created",
            conditions = new object[] { new { field = "customer", op = "eq", value = Guid.NewGuid().ToString() } },
            actions = new object[] { new { set = "workType", value = "On site" } },
        });
        var versions = await api.ScalarAsync<long>(VersionCount);

        var problem = await (await admin.PutCataloguesWithoutAsync("workTypes", "On site")).ConflictAsync();

        var inUse = problem["inUse"]!.AsArray().Single()!;
        ((string?)inUse["catalogue"]).ShouldBe("workTypes");
        ((long)inUse["workflowRules"]!).ShouldBe(1);
        ((long)inUse["openTickets"]!).ShouldBe(0);
        (await api.ScalarAsync<long>(VersionCount)).ShouldBe(versions);

        (await admin.DeleteAsync(TicketHttp.Url($"{WorkflowHttp.Rules}/{rule.GetProperty("id").GetGuid()}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutCataloguesWithoutAsync("workTypes", "On site")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dropping_a_queue_only_resolved_tickets_hold_is_allowed_and_they_keep_it()
    {
        var admin = await api.ConfiguredAdminAsync();
        var (technician, _) = await api.StaffAsync();
        var created = await technician.PostTicketAsync(new { title = "Old switch", customerId = await technician.CreateCustomerAsync(), queue = "Network Team" });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await technician.CommandAsync(id, "status", new { status = "resolved" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var dropped = await admin.PutCataloguesWithoutAsync("queues", "Network Team");

        dropped.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the issue type 'network' still names the queue");
        var (catalogues, etag) = await admin.GetSectionAsync("catalogues");
        catalogues["issueTypes"]![0]!["queue"] = null;
        catalogues["queues"]!.AsArray().RemoveAt(1);
        (await admin.PutSectionAsync("catalogues", catalogues, etag)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("queue").GetString().ShouldBe("Network Team");
    }
}
