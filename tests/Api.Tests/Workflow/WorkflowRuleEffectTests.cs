using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Workflow;

public sealed class WorkflowRuleEffectTests(WorkflowApiFactory api) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task Seed_example_a_ticket_created_from_the_portal_gets_the_rules_work_type()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
        await admin.CreateRuleAsync(new
        {
            name = "Portal tickets are remote support", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "source", op = "eq", value = "Portal" } },
            actions = new object[] { new { set = "workType", value = "Remote support" } },
        });

        var portal = await technician.OpenAsync(new { title = "VPN down", customerId, source = "Portal" });
        var phone = await technician.OpenAsync(new { title = "VPN down", customerId, source = "Phone" });

        (await technician.TicketAsync(portal)).Ticket.WorkType.ShouldBe("Remote support");
        (await technician.TicketAsync(phone)).Ticket.WorkType.ShouldBeNull();
    }

    [Fact]
    public async Task The_rules_event_is_caused_by_the_trigger_event_and_shares_its_correlation()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
        var rule = await admin.CreateRuleAsync(new
        {
            name = "Portal work type", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "source", op = "eq", value = "Portal" } },
            actions = new object[] { new { set = "workType", value = "X" } },
        });

        var id = await technician.OpenAsync(new { title = "Mail bounces", customerId, source = "Portal" });
        var history = await admin.HistoryAsync(id);

        history.Select(e => e.Type).ShouldBe(["ticket.created", "ticket.fields_changed"]);
        history[1].CausationId.ShouldBe(history[0].EventId);
        history[0].CorrelationId.ShouldNotBeNull();
        history[1].CorrelationId.ShouldBe(history[0].CorrelationId);
        history[1].ActorId.ShouldBe(rule.Id);
        history[1].ActorRole.ShouldBe("system");
        history[1].Version.ShouldBe(2);
    }

    [Fact]
    public async Task Each_set_action_changes_its_field_on_an_update()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
        var assigneeId = (await api.SignInStaffAsync()).Id;
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

        var response = await technician.PatchTicketAsync(id, new { impact = "critical" });

        response.ETag().ShouldBe("\"7\"");
        var ticket = (await technician.TicketAsync(id)).Ticket;
        ticket.Queue.ShouldBe("Escalations");
        ticket.Priority.ShouldBe("urgent");
        ticket.StatusId.ShouldBe("pending");
        ticket.AssigneeId.ShouldBe(assigneeId);
        ticket.WorkType.ShouldBe("Onsite");
        var history = await admin.HistoryAsync(id);
        var trigger = history[1].EventId;
        history.Skip(2).ShouldAllBe(e => e.CausationId == trigger);
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
        var (technician, admin, customerId) = await api.SetUpAsync();
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

        ((await technician.TicketAsync(id)).Ticket.WorkType == "Matched").ShouldBe(fires);
    }

    [Fact]
    public async Task Custom_field_conditions_read_the_tickets_custom_field()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
        await admin.CreateRuleAsync(new
        {
            name = "VIP asset", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "customField:asset", op = "contains", value = "VIP" } },
            actions = new object[] { new { set = "priority", value = "high" } },
        });

        var id = await technician.OpenAsync(new { title = "Laptop", customerId, customFields = new { asset = "LPT-VIP-7" } });

        (await technician.TicketAsync(id)).Ticket.Priority.ShouldBe("high");
    }

    [Fact]
    public async Task A_disabled_rule_is_ignored()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
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
        var (technician, admin, customerId) = await api.SetUpAsync();
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

        await technician.PatchTicketAsync(id, new { queue = "A" });

        var history = await admin.HistoryAsync(id);
        history.Length.ShouldBe(4, string.Join("\n", history.Select(e => e.ToString())));
        history[2].CausationId.ShouldBe(history[1].EventId, string.Join("\n", history.Select(e => e.ToString())));
        history[3].CausationId.ShouldBe(history[2].EventId);
        (await technician.TicketAsync(id)).Ticket.Queue.ShouldBe("A");
    }

    [Fact]
    public async Task Notify_queues_an_outbox_row_for_an_address_and_for_a_user()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
        var address = IdentityHttp.UniqueEmail("dispatch");
        await admin.CreateRuleAsync(new
        {
            name = "Tell dispatch", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId), new { field = "priority", op = "in", values = new[] { "high", "urgent" } } },
            actions = new object[] { new { notify = address }, new { notify = technician.Id.ToString() } },
        });

        var id = Guid.Empty;
        var session = await api.TrackedAsync(async () =>
        {
            id = await technician.OpenAsync(new { title = "Outage", customerId, priority = "urgent" });
            await technician.OpenAsync(new { title = "Question", customerId, priority = "low" });
        });

        (await api.SentMailAsync(session, address, "workflow_notification")).TextBody!.ShouldContain("Outage");
        var technicianEmail = (await technician.GetAsync<ProfileBody>("/api/me")).Email;
        session.MailsSent(technicianEmail, "workflow_notification").ShouldHaveSingleItem();
        (await admin.HistoryAsync(id)).Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_rule_whose_assignee_is_no_longer_staff_skips_the_assignment_when_it_fires_and_the_command_succeeds()
    {
        var (technician, admin, customerId) = await api.SetUpAsync();
        var leaver = (await api.SignInStaffAsync()).Id;
        await admin.CreateRuleAsync(new
        {
            name = "Give new tickets to the leaver", trigger = "ticket_created",
            conditions = new object[] { WorkflowHttp.OnCustomer(customerId) },
            actions = new object[] { new { set = "assignee", value = leaver.ToString() }, new { set = "priority", value = "high" } },
        });
        var before = await technician.OpenAsync(new { title = "Before the move", customerId });
        // No endpoint changes a user's role; the database is what such a change would leave behind.
        await api.ScalarAsync<Guid>("update users set role = 'auditor' where id = $1 returning id", leaver);

        var after = await technician.OpenAsync(new { title = "After the move", customerId });

        (await technician.TicketAsync(before)).Ticket.AssigneeId.ShouldBe(leaver);
        var ticket = (await technician.TicketAsync(after)).Ticket;
        ticket.AssigneeId.ShouldBeNull();
        ticket.Priority.ShouldBe("high");
        (await admin.HistoryAsync(after)).Select(e => e.Type).ShouldBe(["ticket.created", "ticket.fields_changed"]);
    }
}
