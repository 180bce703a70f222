using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.Admin;

/// <summary>Dropping a catalogue entry that open tickets or workflow rules still use is a 409 that writes nothing.</summary>
public sealed class CatalogueRemovalTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Dropping_a_custom_status_held_by_an_open_ticket_is_409_naming_it_with_the_count_until_the_ticket_moves_on()
    {
        var admin = await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await technician.CreateCustomerAsync());
        await technician.CommandAsync(ticket.Id, "status", new { status = "on-hold" });
        var newest = await admin.NewestSettingsVersionAsync();

        var conflict = (await admin.PutCataloguesWithoutAsync("customStatuses", "on-hold", HttpStatusCode.Conflict)).ShouldBeCatalogueConflict();

        conflict.Detail.ShouldContain("'on-hold' (customStatuses) is held by 1 open ticket(s)");
        var inUse = conflict.InUse.ShouldHaveSingleItem();
        inUse.Value.ShouldBe("on-hold");
        inUse.OpenTickets.ShouldBe(1);
        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);

        await technician.CommandAsync(ticket.Id, "status", new { status = "open" });
        await admin.PutCataloguesWithoutAsync("customStatuses", "on-hold");
    }

    [Fact]
    public async Task Dropping_a_work_type_a_workflow_rule_sets_is_409_naming_the_rule_count_until_the_rule_is_gone()
    {
        var admin = await api.SignInConfiguredAdminAsync();
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Site visits", trigger = "ticket_created",
            conditions = new object[] { new { field = "customer", op = "eq", value = Guid.NewGuid().ToString() } },
            actions = new object[] { new { set = "workType", value = "On site" } },
        });
        var newest = await admin.NewestSettingsVersionAsync();

        var conflict = (await admin.PutCataloguesWithoutAsync("workTypes", "On site", HttpStatusCode.Conflict)).ShouldBeCatalogueConflict();

        var inUse = conflict.InUse.ShouldHaveSingleItem();
        inUse.Catalogue.ShouldBe("workTypes");
        inUse.WorkflowRules.ShouldBe(1);
        inUse.OpenTickets.ShouldBe(0);
        (await admin.NewestSettingsVersionAsync()).ShouldBe(newest);

        await admin.Scenario(s =>
        {
            s.Delete.Url($"{WorkflowHttp.Rules}/{rule.Id}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        await admin.PutCataloguesWithoutAsync("workTypes", "On site");
    }

    [Fact]
    public async Task Dropping_a_queue_only_resolved_tickets_hold_is_allowed_and_they_keep_it()
    {
        var admin = await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.OpenTicketAsync(new { title = "Old switch", customerId = await technician.CreateCustomerAsync(), queue = "Network Team" });
        await technician.CommandAsync(ticket.Id, "status", new { status = "resolved" });

        // Refused, but only because the issue type 'network' still names the queue.
        await admin.PutCataloguesWithoutAsync("queues", "Network Team", HttpStatusCode.BadRequest);
        var (catalogues, etag) = await admin.GetSectionAsync<CataloguesSection>();
        var withoutTheQueue = catalogues with
        {
            IssueTypes = [.. catalogues.IssueTypes.Select(i => i.Queue == "Network Team" ? i with { Queue = null } : i)],
            Queues = [.. catalogues.Queues.Where(q => q != "Network Team")],
        };
        await admin.PutSectionAsync(withoutTheQueue, etag);

        (await technician.TicketAsync(ticket.Id)).Ticket.Queue.ShouldBe("Network Team");
    }
}
