using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class CompleteTaskfireWorkTests
{
    private static CompleteTaskfireWork Complete(Actor by, string? status = null, string? note = "Toner replaced", Guid? on = null) =>
        new(on ?? TicketId, ReplyId, note, status, by);

    private static ReplyPosted NoteOnMsp(Actor by, Guid? mirroredFrom = null) =>
        new(TicketId, ReplyId, by, "Toner replaced", ReplyVisibility.Internal, true, [], mirroredFrom, Now);

    [Fact]
    public void Technician_completing_work_changes_only_the_copy_status_and_notes_both() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(Technician), s, Copy(), Policies, Now))
            .Then(
                new StreamEvents(TicketId, [NoteOnMsp(Technician)]),
                new StreamEvents(CopyId, [new TaskfireWorkCompleted(CopyId, ReplyId, "Toner replaced", "resolved", StatusCategory.Resolved, Technician, Now)]));

    [Fact]
    public void The_msp_ticket_keeps_its_status()
    {
        var decision = TicketDecider.Decide(Complete(Technician), Msp(), Copy(), Policies, Now);

        Ticket.Fold([.. MspSide(), .. decision.For(TicketId)]).StatusId.ShouldBe("open");
        Ticket.Fold([.. CopySide(), .. decision.For(CopyId)]).StatusId.ShouldBe("resolved");
    }

    [Fact]
    public void Copy_status_can_be_a_custom_one() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(Technician, "MSP work done"), s, Copy(), Policies, Now))
            .Then(
                new StreamEvents(TicketId, [NoteOnMsp(Technician)]),
                new StreamEvents(CopyId, [new TaskfireWorkCompleted(CopyId, ReplyId, "Toner replaced", "work-done", StatusCategory.Resolved, Technician, Now)]));

    [Fact]
    public void Taskfire_user_completes_work_from_the_copy() =>
        Given(CopySide()).When(s => TicketDecider.Decide(Complete(TaskfireUser, on: CopyId), s, Msp(), Policies, Now))
            .Then(
                new StreamEvents(TicketId, [NoteOnMsp(TaskfireUser, mirroredFrom: CopyId)]),
                new StreamEvents(CopyId, [new TaskfireWorkCompleted(CopyId, ReplyId, "Toner replaced", "resolved", StatusCategory.Resolved, TaskfireUser, Now)]));

    [Fact]
    public void Completing_work_needs_a_note() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(Technician, note: " "), s, Copy(), Policies, Now))
            .ThenFails(TicketErrors.TaskfireNoteRequired);

    [Fact]
    public void Completing_work_needs_a_known_status() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(Technician, "done-ish"), s, Copy(), Policies, Now))
            .ThenFails(TicketErrors.UnknownStatus);

    [Fact]
    public void Completing_work_needs_a_taskfire_copy() =>
        Given(Created()).When(s => TicketDecider.Decide(Complete(Technician), s, null, Policies, Now))
            .ThenFails(TicketErrors.TaskfireNotAssigned);

    [Fact]
    public void Completing_work_refuses_a_partner_that_is_not_the_copy() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(Technician), s, Ticket.Fold([Created()]), Policies, Now))
            .ThenFails(TicketErrors.TaskfireLinkMismatch);

    [Fact]
    public void Portal_user_cannot_complete_taskfire_work() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(Contact), s, Copy(), Policies, Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Taskfire_user_cannot_complete_from_the_msp_ticket() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Complete(TaskfireUser), s, Copy(), Policies, Now))
            .ThenFails(TicketErrors.NotTaskfireCopy);
}

public class AskTaskfireQuestionTests
{
    private static AskTaskfireQuestion Ask(Actor by, string? question = "Which tray jams?", Guid? on = null) =>
        new(on ?? TicketId, ReplyId, question, by);

    [Fact]
    public void Question_shows_on_both_tickets_and_names_the_resource_to_notify() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Ask(Technician), s, Copy(), Now))
            .Then(
                new StreamEvents(TicketId, [new ReplyPosted(TicketId, ReplyId, Technician, "Which tray jams?", ReplyVisibility.Internal, true, [], null, Now)]),
                new StreamEvents(CopyId, [new TaskfireQuestionAsked(CopyId, ReplyId, "Which tray jams?", ResourceId, Technician, Now)]));

    [Fact]
    public void Question_is_allowed_on_a_billed_ticket_as_it_is_an_internal_note() =>
        Given(MspSide(Billed())).When(s => TicketDecider.Decide(Ask(Technician), s, Copy(), Now)).Decision.ShouldNotBeNull();

    [Fact]
    public void Question_needs_text() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Ask(Technician, ""), s, Copy(), Now))
            .ThenFails(TicketErrors.TaskfireNoteRequired);

    [Fact]
    public void Question_needs_a_taskfire_copy() =>
        Given(Created()).When(s => TicketDecider.Decide(Ask(Technician), s, null, Now))
            .ThenFails(TicketErrors.TaskfireNotAssigned);

    [Fact]
    public void Taskfire_user_cannot_ask_the_taskfire_question() =>
        Given(CopySide()).When(s => TicketDecider.Decide(Ask(TaskfireUser, on: CopyId), s, Msp(), Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Portal_user_cannot_ask_the_taskfire_question() =>
        Given(MspSide()).When(s => TicketDecider.Decide(Ask(Contact), s, Copy(), Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Question_on_a_deleted_pair_is_refused() =>
        Given(MspSide(Deleted())).When(s => TicketDecider.Decide(Ask(Technician), s, Copy(), Now))
            .ThenFails(TicketErrors.Deleted);
}
