using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;
using static Ticketing.Domain.Tests.Tickets.Sample;

namespace Ticketing.Domain.Tests.Workflow;

public class WorkflowEngineTests
{
    private static readonly Guid Trigger = Guid.Parse("0199a000-0000-7000-8000-0000000000b0");

    private static Ticket Portal => Ticket.Fold([Created()]);

    private static WorkflowRule Rule(int n, WorkflowTrigger on, WorkflowCondition[] when, params WorkflowAction[] then) =>
        new(Guid.Parse($"0199a000-0000-7000-8000-0000000001{n:D2}"), $"rule {n}", on, when, then);

    private static WorkflowCondition When(string field, WorkflowOperator op, params string[] values) => new(field, op, values);

    private static WorkflowRun Run(WorkflowTrigger trigger, Ticket state, params WorkflowRule[] rules) =>
        WorkflowEngine.Run(trigger, state, Trigger, rules, Policies, Now);

    [Fact]
    public void Seed_example_source_portal_on_creation_sets_the_work_type()
    {
        var rule = Rule(1, WorkflowTrigger.TicketCreated, [When("source", WorkflowOperator.Eq, "Portal")],
            new SetTicketField(WorkflowSetTarget.WorkType, "X"));

        var run = Run(WorkflowTrigger.TicketCreated, Portal, rule);

        var only = run.Events.ShouldHaveSingleItem();
        var changed = only.Event.ShouldBeOfType<TicketFieldsChanged>();
        changed.Changes.WorkType.ShouldBe(new FieldChange<string?>("X"));
        changed.By.ShouldBe(Actor.System(rule.Id));
        only.CausationId.ShouldBe(Trigger);
        run.State.Fields.WorkType.ShouldBe("X");
    }

    [Theory]
    [InlineData("priority", WorkflowOperator.Eq, "HIGH", true)]
    [InlineData("priority", WorkflowOperator.Neq, "high", false)]
    [InlineData("impact", WorkflowOperator.Neq, "critical", true)]
    [InlineData("impact", WorkflowOperator.Eq, "critical", false)]
    [InlineData("queue", WorkflowOperator.In, "level-2|service-desk", true)]
    [InlineData("queue", WorkflowOperator.Contains, "DESK", true)]
    [InlineData("customField:asset", WorkflowOperator.Contains, "prn", true)]
    [InlineData("customField:room", WorkflowOperator.Contains, "2", false)]
    [InlineData("status", WorkflowOperator.Eq, "open", true)]
    public void Conditions_compare_ignoring_case_and_unset_fields_match_only_neq(string field, WorkflowOperator op, string values, bool holds) =>
        WorkflowFields.Holds(When(field, op, values.Split('|')), Portal).ShouldBe(holds);

    [Fact]
    public void A_rule_of_the_other_trigger_or_with_a_failing_condition_does_nothing()
    {
        var updated = Rule(1, WorkflowTrigger.TicketUpdated, [], new SetTicketField(WorkflowSetTarget.Queue, "A"));
        var phoneOnly = Rule(2, WorkflowTrigger.TicketCreated, [When("source", WorkflowOperator.Eq, "Phone")],
            new SetTicketField(WorkflowSetTarget.Queue, "B"));

        Run(WorkflowTrigger.TicketCreated, Portal, updated, phoneOnly).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Cascades_stop_after_three_levels()
    {
        // Listed last-first, so each level lets exactly one rule fire: 1 -> 2 -> 3 -> 4 would take four levels.
        var rules = Enumerable.Range(1, 4).Reverse().Select(n => Rule(n, WorkflowTrigger.TicketUpdated,
            [When("queue", WorkflowOperator.Eq, $"q{n}")], new SetTicketField(WorkflowSetTarget.Queue, $"q{n + 1}"))).ToArray();
        var state = Ticket.Evolve(Portal, new TicketFieldsChanged(TicketId, new() { Queue = new("q1") }, Technician, Now));

        var run = Run(WorkflowTrigger.TicketUpdated, state, rules);

        run.State.Fields.Queue.ShouldBe("q4");
        run.Events.Count.ShouldBe(WorkflowEngine.MaxDepth);
        run.Events[1].CausationId.ShouldBe(run.Events[0].EventId);
        run.Events[2].CausationId.ShouldBe(run.Events[1].EventId);
    }

    [Fact]
    public void A_ping_pong_pair_fires_each_rule_once()
    {
        var toB = Rule(1, WorkflowTrigger.TicketUpdated, [When("queue", WorkflowOperator.Eq, "A")], new SetTicketField(WorkflowSetTarget.Queue, "B"));
        var toA = Rule(2, WorkflowTrigger.TicketUpdated, [When("queue", WorkflowOperator.Eq, "B")], new SetTicketField(WorkflowSetTarget.Queue, "A"));
        var state = Ticket.Evolve(Portal, new TicketFieldsChanged(TicketId, new() { Queue = new("A") }, Technician, Now));

        var run = Run(WorkflowTrigger.TicketUpdated, state, toA, toB);

        run.Events.Select(e => e.Rule).ShouldBe([toB, toA]);
        run.State.Fields.Queue.ShouldBe("A");
    }

    [Fact]
    public void An_action_the_ticket_refuses_is_skipped_and_notifications_still_go()
    {
        var rule = Rule(1, WorkflowTrigger.TicketUpdated, [],
            new SetTicketField(WorkflowSetTarget.Status, "no-such-status"), new NotifyRecipient("dispatch@msp.example"));

        var run = Run(WorkflowTrigger.TicketUpdated, Portal, rule);

        run.Events.ShouldBeEmpty();
        run.Notifications.ShouldHaveSingleItem().ShouldBe(new RuleNotification(rule, "dispatch@msp.example", Trigger));
    }

    [Fact]
    public void Status_and_assignee_actions_decide_as_the_system()
    {
        var rule = Rule(1, WorkflowTrigger.TicketCreated, [],
            new SetTicketField(WorkflowSetTarget.Status, "Waiting Customer"), new SetTicketField(WorkflowSetTarget.Assignee, TechnicianId.ToString()));

        var run = Run(WorkflowTrigger.TicketCreated, Portal, rule);

        run.Events.Select(e => e.Event).ShouldBe([
            new TicketStatusChanged(TicketId, "open", WaitingCustomer.Id, StatusCategory.Pending, Actor.System(rule.Id), Now),
            new TechnicianAssigned(TicketId, TechnicianId, Actor.System(rule.Id), Now),
        ]);
    }

    [Fact]
    public void An_assignee_no_longer_assignable_is_skipped_and_reported_while_the_rules_other_actions_run()
    {
        var rule = Rule(1, WorkflowTrigger.TicketCreated, [],
            new SetTicketField(WorkflowSetTarget.Assignee, TechnicianId.ToString()), new SetTicketField(WorkflowSetTarget.WorkType, "Remote"));

        var run = WorkflowEngine.Run(WorkflowTrigger.TicketCreated, Portal, Trigger, [rule], Policies, Now, assignable: id => id == OtherTechnicianId);

        run.Events.ShouldHaveSingleItem().Event.ShouldBeOfType<TicketFieldsChanged>();
        run.State.AssignedTechnicianId.ShouldBeNull();
        run.Skipped.ShouldBe([new SkippedAction(rule, WorkflowSetTarget.Assignee, WorkflowEngine.AssigneeNotAssignable)]);
    }

    [Fact]
    public void Billed_deleted_and_missing_tickets_are_left_alone()
    {
        var rule = Rule(1, WorkflowTrigger.TicketUpdated, [], new SetTicketField(WorkflowSetTarget.Queue, "A"), new NotifyRecipient("x@msp.example"));

        Run(WorkflowTrigger.TicketUpdated, Ticket.Fold([Created(), Billed()]), rule).Events.ShouldBeEmpty();
        Run(WorkflowTrigger.TicketUpdated, Ticket.Fold([Created(), Deleted()]), rule).Notifications.ShouldBeEmpty();
        Run(WorkflowTrigger.TicketUpdated, Ticket.Initial, rule).Notifications.ShouldBeEmpty();
    }
}
