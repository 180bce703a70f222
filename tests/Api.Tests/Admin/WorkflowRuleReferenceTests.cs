using System.Net.Http.Json;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;

namespace Ticketing.Api.Tests.Admin;

/// <summary>A workflow rule is checked against the settings when saved: custom field types, catalogues, statuses, assignees.</summary>
public sealed class WorkflowRuleReferenceTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task A_rule_naming_wrong_typed_or_unknown_values_is_400_per_condition_and_action_and_nothing_is_stored()
    {
        var admin = await api.ConfiguredAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var rules = await api.RuleCountAsync();

        var errors = await (await admin.PostAsJsonAsync(TicketHttp.Url(WorkflowHttp.Rules), new
        {
            name = "Everything wrong", trigger = "ticket_created",
            conditions = new object[]
            {
                new { field = "customField:seats", op = "eq", value = "ten" },
                new { field = "queue", op = "in", values = new[] { "Service Desk", "Nowhere" } },
                new { field = "status", op = "eq", value = "limbo" },
                new { field = "customField:tier", op = "contains", value = "gol" },
                new { field = "customField:colour", op = "eq", value = "red" },
            },
            actions = new object[]
            {
                new { set = "queue", value = "Nowhere" }, new { set = "workType", value = "Gardening" },
                new { set = "status", value = "limbo" }, new { set = "assignee", value = contact.Id.ToString() },
            },
        })).ValidationErrorsAsync();

        errors.GetProperty("conditions[0].value")[0].GetString()!.ShouldContain("SEATS' must be a number");
        errors.GetProperty("conditions[1].values")[0].GetString()!.ShouldContain("'Nowhere'");
        errors.GetProperty("conditions[2].value")[0].GetString()!.ShouldContain("limbo");
        errors.GetProperty("conditions[3].value")[0].GetString()!.ShouldContain("text fields");
        errors.GetProperty("conditions.customField:colour")[0].GetString()!.ShouldContain("not a custom field");
        errors.GetProperty("actions[0].value")[0].GetString()!.ShouldContain("'Nowhere'");
        errors.GetProperty("actions[1].value")[0].GetString()!.ShouldContain("'Gardening'");
        errors.GetProperty("actions[2].value")[0].GetString()!.ShouldContain("limbo");
        errors.GetProperty("actions[3].value")[0].GetString()!.ShouldContain("not an administrator or technician");
        (await api.RuleCountAsync()).ShouldBe(rules);
    }

    [Fact]
    public async Task Replacing_a_rule_with_a_wrong_typed_value_is_400_and_the_stored_rule_is_unchanged()
    {
        var admin = await api.ConfiguredAdminAsync();
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Go-live", trigger = "ticket_created",
            conditions = new object[] { new { field = "customField:golive", op = "eq", value = "2025-01-31" } },
            actions = new object[] { new { set = "workType", value = "Remote" } },
        });
        var id = rule.GetProperty("id").GetGuid();

        var errors = await (await admin.PutAsJsonAsync(TicketHttp.Url($"{WorkflowHttp.Rules}/{id}"), new
        {
            name = "Go-live", trigger = "ticket_created",
            conditions = new object[] { new { field = "customField:golive", op = "eq", value = "tomorrow" } },
            actions = new object[] { new { set = "workType", value = "Remote" } },
        })).ValidationErrorsAsync();

        errors.GetProperty("conditions[0].value")[0].GetString()!.ShouldContain("date");
        var stored = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(TicketHttp.Url($"{WorkflowHttp.Rules}/{id}"));
        stored.GetProperty("version").GetInt64().ShouldBe(1);
        stored.GetProperty("conditions")[0].GetProperty("value").GetString().ShouldBe("2025-01-31");
    }

    [Fact]
    public async Task A_rule_within_the_settings_is_saved_and_acts()
    {
        var admin = await api.ConfiguredAdminAsync();
        var (technician, technicianId) = await api.StaffAsync();
        var customerId = await admin.CreateCustomerAsync();
        await admin.CreateRuleAsync(new
        {
            name = "VIP network", trigger = "ticket_created",
            conditions = new object[]
            {
                WorkflowHttp.OnCustomer(customerId), new { field = "customField:vip", op = "eq", value = "true" },
                new { field = "issueType", op = "in", values = new[] { "network" } }, new { field = "status", op = "neq", value = "waiting-customer" },
            },
            actions = new object[]
            {
                new { set = "queue", value = "Network Team" }, new { set = "workType", value = "Remote" },
                new { set = "status", value = "waiting-customer" }, new { set = "assignee", value = technicianId.ToString() },
            },
        });

        var id = await technician.OpenAsync(new { title = "Switch down", customerId, issueType = "network", customFields = new { vip = "true" } });

        var ticket = await technician.TicketAsync(id);
        ticket.GetProperty("queue").GetString().ShouldBe("Network Team");
        ticket.GetProperty("workType").GetString().ShouldBe("Remote");
        ticket.GetProperty("statusId").GetString().ShouldBe("waiting-customer");
        ticket.GetProperty("assigneeId").GetGuid().ShouldBe(technicianId);
    }
}
