using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class AssignToTaskfireTests
{
    private static AssignToTaskfire Assign(string? queue = TaskfireQueue, Guid? resource = null, string? note = "Please replace the toner.",
        Actor? by = null, Guid? copyId = null) =>
        new(TicketId, copyId ?? CopyId, queue, resource ?? ResourceId, note, by ?? Technician);

    [Fact]
    public void Assigning_creates_a_linked_copy_with_the_same_number()
    {
        var now = Earlier.AddHours(1);

        Given(Created()).When(s => TicketDecider.Decide(Assign(note: "  Please replace the toner. "), s, Policies, now))
            .Then(new StreamEvents(TicketId, [AssignedToTaskfire()]), new StreamEvents(CopyId, [CopyCreated()]));
    }

    [Fact]
    public void The_copy_folds_to_the_same_number_and_the_msp_queue_is_unchanged()
    {
        var decision = TicketDecider.Decide(Assign(), Ticket.Fold([Created()]), Policies, Now);

        var msp = Ticket.Fold([Created(), .. decision.For(TicketId)]);
        var copy = Ticket.Fold(decision.For(CopyId));
        copy.Number.ShouldBe(msp.Number);
        msp.Fields.Queue.ShouldBe("service-desk");
        msp.Taskfire!.LinkedTicketId.ShouldBe(copy.Id);
        copy.Taskfire!.LinkedTicketId.ShouldBe(msp.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Taskfire_queue_is_required(string? queue) =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(queue: queue), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireQueueRequired);

    [Fact]
    public void Taskfire_resource_is_required() =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(resource: Guid.Empty), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireResourceRequired);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Taskfire_note_is_required(string? note) =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(note: note), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireNoteRequired);

    [Fact]
    public void Copy_needs_its_own_id() =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(copyId: TicketId), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireCopyIdInvalid);

    [Fact]
    public void Ticket_is_assigned_to_taskfire_only_once() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Assign(copyId: Guid.Parse("0199a000-0000-7000-8000-000000000003")), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireAlreadyAssigned);

    [Fact]
    public void Portal_user_cannot_assign_to_taskfire() =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(by: Contact), s, Policies, Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Billed_ticket_cannot_be_assigned_to_taskfire() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Assign(), s, Policies, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Copy_cannot_be_assigned_to_taskfire_again() =>
        Given(CopySide()).When(s => TicketDecider.Decide(Assign() with { TicketId = CopyId }, s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireCopyForbidden);

    [Fact]
    public void Deleted_ticket_cannot_be_assigned_to_taskfire() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(Assign(), s, Policies, Now))
            .ThenFails(TicketErrors.Deleted);
}
