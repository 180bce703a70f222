using Ticketing.Domain;
using Ticketing.Domain.Devices;

namespace Ticketing.Domain.Tests.Devices;

/// <summary>Given device events, when a decision is asked for, then these events or this refusal (P13, ADR 0030).</summary>
public sealed class DeviceDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid DeviceId = Guid.CreateVersion7();
    private static readonly Guid Contact = Guid.CreateVersion7();
    private static readonly Guid ActionId = Guid.CreateVersion7();

    private static Device Given(params DeviceEvent[] events) => events.Aggregate(Device.Initial, Device.Evolve);

    private static DeviceEvent Registered() => new DeviceRegistered(DeviceId, Guid.CreateVersion7(), "PC", DeviceOs.Windows, "a1", null, Now);

    [Fact]
    public void Assigning_the_contact_a_device_already_has_decides_nothing()
    {
        var device = Given(Registered(), new DeviceAssigned(DeviceId, Contact, Guid.Empty, Now));

        DeviceDecisions.Assign(device, Contact, Guid.Empty, Now).ShouldBeEmpty();
        DeviceDecisions.Assign(device, null, Guid.Empty, Now).ShouldBe([new DeviceAssigned(DeviceId, null, Guid.Empty, Now)]);
    }

    [Fact]
    public void A_retired_device_is_neither_changed_nor_actionable()
    {
        var device = Given(Registered(), new DeviceAssigned(DeviceId, Contact, Guid.Empty, Now), new DeviceRetired(DeviceId, Guid.Empty, Now));

        Should.Throw<DomainRuleViolation>(() => DeviceDecisions.Update(device, "New", DeviceOs.Linux, null, Guid.Empty, Now)).Code.ShouldBe(DeviceErrors.Retired);
        DeviceDecisions.IsActionableBy(device, Contact).ShouldBeFalse();
    }

    [Fact]
    public void Only_the_contact_the_device_is_assigned_to_may_act_on_it()
    {
        var device = Given(Registered(), new DeviceAssigned(DeviceId, Contact, Guid.Empty, Now));

        DeviceDecisions.IsActionableBy(device, Contact).ShouldBeTrue();
        DeviceDecisions.IsActionableBy(device, Guid.CreateVersion7()).ShouldBeFalse();
    }

    [Fact]
    public void An_outcome_is_taken_once_and_only_for_a_dispatched_action()
    {
        var requested = Given(Registered(), new DeviceAssigned(DeviceId, Contact, Guid.Empty, Now),
            new DeviceActionRequested(DeviceId, ActionId, DeviceActionKind.Lock, null, null, Contact, "203.0.113.7", Now));
        var dispatched = Given(Registered(), new DeviceAssigned(DeviceId, Contact, Guid.Empty, Now),
            new DeviceActionRequested(DeviceId, ActionId, DeviceActionKind.Lock, null, null, Contact, null, Now),
            new DeviceActionVerified(DeviceId, ActionId, Contact, null, Now), new DeviceActionDispatched(DeviceId, ActionId, Now));

        Should.Throw<DomainRuleViolation>(() => DeviceDecisions.Outcome(requested, ActionId, true, null, null, Now)).Code.ShouldBe(DeviceErrors.ActionNotPending);
        var done = DeviceDecisions.Outcome(dispatched, ActionId, false, "locked out", "10.0.0.1", Now);
        done.ShouldBe(new DeviceActionFailed(DeviceId, ActionId, "locked out", "10.0.0.1", Now));
        Should.Throw<DomainRuleViolation>(() => DeviceDecisions.Outcome(Device.Evolve(dispatched, done), ActionId, true, null, null, Now))
            .Code.ShouldBe(DeviceErrors.ActionNotPending);
    }
}
