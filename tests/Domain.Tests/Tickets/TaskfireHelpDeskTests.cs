using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class ChangeTaskfireResourceTests
{
    private static readonly Guid Colleague = Guid.Parse("0199a000-0000-7000-8000-0000000000f3");

    [Fact]
    public void The_taskfire_user_hands_the_pair_to_a_colleague_on_both_tickets() =>
        Given(CopySide()).When(s => TicketDecider.Decide(new ChangeTaskfireResource(CopyId, Colleague, TaskfireUser), s, Msp(), Now))
            .Then(
                new StreamEvents(TicketId, [new TaskfireResourceChanged(TicketId, ResourceId, Colleague, TaskfireUser, Now)]),
                new StreamEvents(CopyId, [new TaskfireResourceChanged(CopyId, ResourceId, Colleague, TaskfireUser, Now)]));

    [Fact]
    public void Afterwards_both_sides_name_the_new_resource()
    {
        var decision = TicketDecider.Decide(new ChangeTaskfireResource(TicketId, Colleague, Technician), Msp(), Copy(), Now);

        Ticket.Fold([.. MspSide(), .. decision.For(TicketId)]).Taskfire!.ResourceId.ShouldBe(Colleague);
        Ticket.Fold([.. CopySide(), .. decision.For(CopyId)]).Taskfire!.ResourceId.ShouldBe(Colleague);
    }

    [Fact]
    public void Naming_the_current_resource_decides_nothing() =>
        TicketDecider.Decide(new ChangeTaskfireResource(TicketId, ResourceId, Technician), Msp(), Copy(), Now).Streams.ShouldBeEmpty();

    [Fact]
    public void A_portal_user_cannot_change_it() =>
        Given(MspSide()).When(s => TicketDecider.Decide(new ChangeTaskfireResource(TicketId, Colleague, Contact), s, Copy(), Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void A_ticket_without_taskfire_has_no_resource_to_change() =>
        Given(Created()).When(s => TicketDecider.Decide(new ChangeTaskfireResource(TicketId, Colleague, Technician), s, null, Now))
            .ThenFails(TicketErrors.TaskfireNotAssigned);
}

public class TaskfireHelpDeskTests
{
    private static readonly Guid MspId = Guid.Parse("0199a000-0000-7000-8000-000000000003");

    private static TaskfireTicketOpened Opened() =>
        new(CopyId, Number, Fields, "open", StatusCategory.Open, CustomerId, TaskfireUserId, TaskfireUser, Earlier);

    private static SubmitTaskfireTicket Submit(string? note = "Beyond us", params SharedNote[] notes) =>
        new(CopyId, MspId, "Client Portal", note, notes, TaskfireUser);

    [Fact]
    public void Only_a_taskfire_user_opens_an_own_ticket() =>
        Given().When(s => TicketDecider.Decide(
                new OpenTaskfireTicket(CopyId, TicketNumber.Create(new DateOnly(2026, 11, 22), 7), Fields, CustomerId, Technician), s, Policies, Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void An_own_ticket_is_on_the_taskfire_side_without_a_partner()
    {
        var own = Ticket.Fold([Opened()]);

        own.ShouldSatisfyAllConditions(
            t => t.IsTaskfireCopy.ShouldBeTrue(), t => t.IsUnsubmittedTaskfireTicket.ShouldBeTrue(), t => t.Source.ShouldBe(TicketSource.Taskfire),
            t => t.Taskfire!.ResourceId.ShouldBe(TaskfireUserId));
    }

    [Fact]
    public void Staff_cannot_work_an_own_ticket() =>
        Given(Opened()).When(s => TicketDecider.Decide(new ChangeTicketStatus(CopyId, "pending", Technician), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireCopyForbidden);

    [Fact]
    public void Submitting_makes_the_msps_ticket_with_the_same_number_the_note_and_the_shared_notes_and_links_both()
    {
        IReadOnlyList<AttachmentMetadata> files = [Attachment];
        var shared = new SharedNote(ReplyId, TaskfireUser, "Fan replaced", files);

        var decision = TicketDecider.Decide(Submit("Beyond us", shared), Ticket.Fold([Opened()]), Policies, Now);

        decision.For(MspId).ShouldBe(
        [
            new TicketCreated(MspId, Number, Fields with { Queue = "Client Portal" }, "open", StatusCategory.Open, TicketSource.Taskfire, CustomerId,
                null, null, null, TaskfireUser, Now),
            new TaskfireTicketSubmitted(MspId, CopyId, TaskfireUserId, "Beyond us", TaskfireUser, Now),
            new ReplyPosted(MspId, ReplyId, TaskfireUser, "Fan replaced", ReplyVisibility.Internal, true, files, CopyId, Now),
        ], ignoreOrder: false);
        decision.For(CopyId).ShouldBe([new TaskfireTicketSubmitted(CopyId, MspId, TaskfireUserId, "Beyond us", TaskfireUser, Now)]);
        var own = Ticket.Fold([Opened(), .. decision.For(CopyId)]);
        var msp = Ticket.Fold(decision.For(MspId));
        TaskfirePairOf(own, msp).ShouldBeTrue();
    }

    [Fact]
    public void Submitting_needs_a_note() =>
        Given(Opened()).When(s => TicketDecider.Decide(Submit(" "), s, Policies, Now)).ThenFails(TicketErrors.TaskfireNoteRequired);

    [Fact]
    public void A_submitted_ticket_or_a_handed_over_copy_cannot_be_submitted() =>
        Given(CopySide()).When(s => TicketDecider.Decide(Submit(), s, Policies, Now)).ThenFails(TicketErrors.TaskfireAlreadyLinked);

    private static bool TaskfirePairOf(Ticket own, Ticket msp) =>
        own.Taskfire!.LinkedTicketId == msp.Id && msp.Taskfire!.LinkedTicketId == own.Id && msp.Taskfire.Side == TicketSide.Msp && msp.Number == own.Number;
}
