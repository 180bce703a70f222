using System.Net;
using System.Net.Http.Json;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Workflow;

public sealed class WorkflowRuleEffectTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task Seed_example_a_ticket_created_from_the_portal_gets_the_rules_work_type()
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        await admin.CreateRuleAsync(new
        {
            name = "Portal tickets are remote support", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "source", op = "eq", value = "Portal" } },
            actions = new object[] { new { set = "workType", value = "Remote support" } },
        });

        var portal = await technician.OpenAsync(new { title = "VPN down", customerId, source = "Portal" });
        var phone = await technician.OpenAsync(new { title = "VPN down", customerId, source = "Phone" });

        (await technician.TicketAsync(portal)).GetProperty("workType").GetString().ShouldBe("Remote support");
        (await technician.TicketAsync(phone)).GetProperty("workType").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_rules_event_is_caused_by_the_trigger_event_and_shares_its_correlation()
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Portal work type", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "source", op = "eq", value = "Portal" } },
            actions = new object[] { new { set = "workType", value = "X" } },
        });

        var id = await technician.OpenAsync(new { title = "Mail bounces", customerId, source = "Portal" });
        var history = await admin.HistoryAsync(id);

        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(["ticket.created", "ticket.fields_changed"]);
        history[1].GetProperty("causationId").GetGuid().ShouldBe(history[0].GetProperty("eventId").GetGuid());
        history[1].GetProperty("correlationId").GetGuid().ShouldBe(history[0].GetProperty("correlationId").GetGuid());
        history[1].GetProperty("actorId").GetGuid().ShouldBe(rule.GetProperty("id").GetGuid());
        history[1].GetProperty("actorRole").GetString().ShouldBe("system");
        history[1].GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Each_set_action_changes_its_field_on_an_update()
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        var (_, assigneeId) = await api.StaffAsync();
        await admin.CreateRuleAsync(new
        {
            name = "Escalate critical", trigger = "ticket_updated",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "impact", op = "eq", value = "critical" } },
            actions = new object[]
            {
                new { set = "queue", value = "Escalations" }, new { set = "priority", value = "urgent" },
                new { set = "status", value = "pending" }, new { set = "assignee", value = assigneeId.ToString() },
                new { set = "workType", value = "Onsite" },
            },
        });
        var id = await technician.OpenAsync(new { title = "Server room flooded", customerId, queue = "Service Desk", priority = "low" });

        var response = await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"), JsonContent.Create(new { impact = "critical" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"7\"");
        var ticket = await technician.TicketAsync(id);
        ticket.GetProperty("queue").GetString().ShouldBe("Escalations");
        ticket.GetProperty("priority").GetString().ShouldBe("urgent");
        ticket.GetProperty("statusId").GetString().ShouldBe("pending");
        ticket.GetProperty("assigneeId").GetGuid().ShouldBe(assigneeId);
        ticket.GetProperty("workType").GetString().ShouldBe("Onsite");
        var history = await admin.HistoryAsync(id);
        var trigger = history[1].GetProperty("eventId").GetGuid();
        history.Skip(2).ShouldAllBe(e => e.GetProperty("causationId").GetGuid() == trigger);
    }

    [Theory]
    [InlineData("eq", "Service Desk", null, true)]
    [InlineData("eq", "Level 2", null, false)]
    [InlineData("neq", "Level 2", null, true)]
    [InlineData("neq", "service desk", null, false)]
    [InlineData("in", null, "Level 2|Service Desk", true)]
    [InlineData("in", null, "Level 2|Level 3", false)]
    [InlineData("contains", "desk", null, true)]
    [InlineData("contains", "level", null, false)]
    public async Task Each_operator_decides_whether_the_rule_fires(string op, string? value, string? values, bool fires)
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        var condition = values is null
            ? (object)new { field = "queue", op, value }
            : new { field = "queue", op, values = values.Split('|') };
        await admin.CreateRuleAsync(new
        {
            name = $"queue {op}", trigger = "ticket_created",
            conditions = new[] { WorkflowHttp.OnCustomer(customerId), condition },
            actions = new object[] { new { set = "workType", value = "Matched" } },
        });

        var id = await technician.OpenAsync(new { title = "Printer", customerId, queue = "Service Desk" });

        var workType = (await technician.TicketAsync(id)).GetProperty("workType");
        (workType.ValueKind == System.Text.Json.JsonValueKind.String && workType.GetString() == "Matched").ShouldBe(fires);
    }

    [Fact]
    public async Task Custom_field_conditions_read_the_tickets_custom_field()
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        await admin.CreateRuleAsync(new
        {
            name = "VIP asset", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "customField:asset", op = "contains", value = "VIP" } },
            actions = new object[] { new { set = "priority", value = "high" } },
        });

        var id = await technician.OpenAsync(new { title = "Laptop", customerId, customFields = new { asset = "LPT-VIP-7" } });

        (await technician.TicketAsync(id)).GetProperty("priority").GetString().ShouldBe("high");
    }

    [Fact]
    public async Task A_disabled_rule_is_ignored()
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        await admin.CreateRuleAsync(new
        {
            name = "Off", trigger = "ticket_created", enabled = false,
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId) },
            actions = new object[] { new { set = "workType", value = "Never" } },
        });

        var id = await technician.OpenAsync(new { title = "Printer", customerId });

        (await admin.HistoryAsync(id)).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Rules_that_would_ping_pong_stop_after_each_fired_once()
    {
        var (technician, _, admin, customerId) = await api.SetUpAsync();
        // B-to-A comes first, so it only sees B on the cascade A-to-B starts: a real ping-pong across levels.
        await admin.CreateRuleAsync(new
        {
            name = "B to A", trigger = "ticket_updated",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "queue", op = "eq", value = "B" } },
            actions = new object[] { new { set = "queue", value = "A" } },
        });
        await admin.CreateRuleAsync(new
        {
            name = "A to B", trigger = "ticket_updated",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "queue", op = "eq", value = "A" } },
            actions = new object[] { new { set = "queue", value = "B" } },
        });
        var id = await technician.OpenAsync(new { title = "Loop", customerId, queue = "Start" });

        var response = await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"), JsonContent.Create(new { queue = "A" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var history = await admin.HistoryAsync(id);
        history.Length.ShouldBe(4, string.Join("\n", history.Select(e => e.ToString())));
        history[2].GetProperty("causationId").GetGuid().ShouldBe(history[1].GetProperty("eventId").GetGuid(), string.Join("\n", history.Select(e => e.ToString())));
        history[3].GetProperty("causationId").GetGuid().ShouldBe(history[2].GetProperty("eventId").GetGuid());
        (await technician.TicketAsync(id)).GetProperty("queue").GetString().ShouldBe("A");
    }

    [Fact]
    public async Task Notify_queues_an_outbox_row_for_an_address_and_for_a_user()
    {
        var (technician, technicianId, admin, customerId) = await api.SetUpAsync();
        var address = IdentityHttp.UniqueEmail("dispatch");
        await admin.CreateRuleAsync(new
        {
            name = "Tell dispatch", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "priority", op = "in", values = new[] { "high", "urgent" } } },
            actions = new object[] { new { notify = address }, new { notify = technicianId.ToString() } },
        });

        var id = await technician.OpenAsync(new { title = "Outage", customerId, priority = "urgent" });
        await technician.OpenAsync(new { title = "Question", customerId, priority = "low" });

        var toAddress = await api.MailsAsync(address, "workflow_notification");
        toAddress.ShouldHaveSingleItem().Message.TextBody!.ShouldContain("Outage");
        var technicianEmail = await api.ScalarAsync<string>("select email from users where id = $1", technicianId);
        (await api.MailsAsync(technicianEmail, "workflow_notification")).ShouldHaveSingleItem();
        (await admin.HistoryAsync(id)).Length.ShouldBe(1);
    }
}
