using System.Net;
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
        var admin = await api.SignInConfiguredAdminAsync();
        var rules = await admin.RulesAsync();

        var errors = await admin.ValidationErrorsAsync(s => s.Post.Json(new
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
                new { set = "status", value = "limbo" },
            },
        }).ToUrl(WorkflowHttp.Rules));

        errors["conditions[0].value"][0].ShouldContain("SEATS' must be a number");
        errors["conditions[1].values"][0].ShouldContain("'Nowhere'");
        errors["conditions[2].value"][0].ShouldContain("limbo");
        errors["conditions[3].value"][0].ShouldContain("text fields");
        errors["conditions.customField:colour"][0].ShouldContain("not a custom field");
        errors["actions[0].value"][0].ShouldContain("'Nowhere'");
        errors["actions[1].value"][0].ShouldContain("'Gardening'");
        errors["actions[2].value"][0].ShouldContain("limbo");
        (await admin.RulesAsync()).Select(r => r.Id).ShouldBe(rules.Select(r => r.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task A_rule_assigning_a_contact_or_an_unknown_user_is_422_assignee_not_staff_and_nothing_is_stored()
    {
        var admin = await api.SignInConfiguredAdminAsync();
        var contact = await admin.CreateContactAsync(await admin.CreateCustomerAsync());
        var rules = await admin.RulesAsync();

        foreach (var assignee in new[] { contact.Id, Guid.CreateVersion7() })
        {
            await admin.Scenario(s =>
            {
                s.Post.Json(new
                {
                    name = "Give it to the customer", trigger = "ticket_created",
                    actions = new object[] { new { set = "assignee", value = assignee.ToString() } },
                }).ToUrl(WorkflowHttp.Rules);
                s.StatusCodeShouldBe(HttpStatusCode.UnprocessableEntity);
            }).ShouldBeProblemAsync("ticket.assignee_not_staff");
        }

        (await admin.RulesAsync()).Select(r => r.Id).ShouldBe(rules.Select(r => r.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task Replacing_a_rule_with_a_wrong_typed_value_is_400_and_the_stored_rule_is_unchanged()
    {
        var admin = await api.SignInConfiguredAdminAsync();
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Go-live", trigger = "ticket_created",
            conditions = new object[] { new { field = "customField:golive", op = "eq", value = "2025-01-31" } },
            actions = new object[] { new { set = "workType", value = "Remote" } },
        });

        var errors = await admin.ValidationErrorsAsync(s => s.Put.Json(new
        {
            name = "Go-live", trigger = "ticket_created",
            conditions = new object[] { new { field = "customField:golive", op = "eq", value = "tomorrow" } },
            actions = new object[] { new { set = "workType", value = "Remote" } },
        }).ToUrl($"{WorkflowHttp.Rules}/{rule.Id}"));

        errors["conditions[0].value"][0].ShouldContain("date");
        var stored = await admin.RuleAsync(rule.Id);
        stored.Version.ShouldBe(1);
        stored.Conditions[0].Value.ShouldBe("2025-01-31");
    }

    [Fact]
    public async Task A_rule_within_the_settings_is_saved_and_acts()
    {
        var admin = await api.SignInConfiguredAdminAsync();
        var technician = await api.SignInStaffAsync();
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
                new { set = "status", value = "waiting-customer" }, new { set = "assignee", value = technician.Id.ToString() },
            },
        });

        var id = await technician.OpenAsync(new { title = "Switch down", customerId, issueType = "network", customFields = new { vip = "true" } });

        var ticket = (await technician.TicketAsync(id)).Ticket;
        ticket.Queue.ShouldBe("Network Team");
        ticket.WorkType.ShouldBe("Remote");
        ticket.StatusId.ShouldBe("waiting-customer");
        ticket.AssigneeId.ShouldBe(technician.Id);
    }
}
