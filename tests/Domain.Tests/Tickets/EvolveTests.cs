using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;

namespace Ticketing.Domain.Tests.Tickets;

/// <summary>Every event folds into the state it promises.</summary>
public class EvolveTests
{
    [Fact]
    public void Initial_state_does_not_exist() => Ticket.Initial.Exists.ShouldBeFalse();

    [Fact]
    public void TicketCreated_sets_every_field()
    {
        var ticket = Ticket.Fold([Created()]);

        ticket.ShouldSatisfyAllConditions(
            () => ticket.Exists.ShouldBeTrue(),
            () => ticket.Id.ShouldBe(TicketId),
            () => ticket.Number.ShouldBe(Number),
            () => ticket.Fields.ShouldBe(Fields),
            () => ticket.StatusId.ShouldBe("open"),
            () => ticket.StatusCategory.ShouldBe(StatusCategory.Open),
            () => ticket.Source.ShouldBe(TicketSource.Portal),
            () => ticket.CustomerId.ShouldBe(CustomerId),
            () => ticket.ContactId.ShouldBe(ContactId),
            () => ticket.CreatedAt.ShouldBe(Earlier),
            () => ticket.UpdatedAt.ShouldBe(Earlier),
            () => ticket.ResolvedAt.ShouldBeNull(),
            () => ticket.IsBilled.ShouldBeFalse(),
            () => ticket.IsDeleted.ShouldBeFalse(),
            () => ticket.Taskfire.ShouldBeNull());
    }

    [Fact]
    public void TicketStatusChanged_to_a_finished_category_records_when_it_was_resolved()
    {
        var ticket = Ticket.Fold([Created(), Resolved()]);

        ticket.StatusId.ShouldBe("resolved");
        ticket.StatusCategory.ShouldBe(StatusCategory.Resolved);
        ticket.ResolvedAt.ShouldBe(Resolved().At);
        ticket.UpdatedAt.ShouldBe(Resolved().At);
    }

    [Fact]
    public void Closing_a_resolved_ticket_keeps_the_first_resolution_time()
    {
        var closed = new TicketStatusChanged(TicketId, "resolved", "closed", StatusCategory.Closed, Technician, Now);

        Ticket.Fold([Created(), Resolved(), closed]).ResolvedAt.ShouldBe(Resolved().At);
    }

    [Fact]
    public void Reopening_clears_the_resolution_time()
    {
        var reopened = new TicketStatusChanged(TicketId, "resolved", "open", StatusCategory.Open, Contact, Now);

        var ticket = Ticket.Fold([Created(), Resolved(), reopened]);

        ticket.ResolvedAt.ShouldBeNull();
        ticket.StatusCategory.ShouldBe(StatusCategory.Open);
    }

    [Fact]
    public void ReplyPosted_only_touches_the_update_time()
    {
        var reply = new ReplyPosted(TicketId, ReplyId, Contact, "Still jams", ReplyVisibility.Public, false, [], null, Now);

        Ticket.Fold([Created(), reply]).ShouldBe(Ticket.Fold([Created()]) with { UpdatedAt = Now });
    }

    [Fact]
    public void TicketFieldsChanged_applies_only_the_changed_fields()
    {
        var changes = new TicketFieldChanges
        {
            Title = new("Printer on fire"),
            Description = new(null),
            DueDate = new(Now),
            CustomFields = new Dictionary<string, string?> { ["asset"] = null, ["room"] = "2.14" },
        };

        var ticket = Ticket.Fold([Created(), new TicketFieldsChanged(TicketId, changes, Technician, Now)]);

        ticket.Fields.ShouldSatisfyAllConditions(
            f => f.Title.ShouldBe("Printer on fire"),
            f => f.Description.ShouldBeNull(),
            f => f.DueDate.ShouldBe(Now),
            f => f.Priority.ShouldBe("high"),
            f => f.Queue.ShouldBe("service-desk"),
            f => f.CustomFields.ShouldBe(new Dictionary<string, string?> { ["room"] = "2.14" }));
    }

    [Fact]
    public void TechnicianAssigned_sets_and_clears_the_assignee()
    {
        var assigned = new TechnicianAssigned(TicketId, OtherTechnicianId, Technician, Earlier.AddHours(1));
        var unassigned = new TechnicianAssigned(TicketId, null, Technician, Now);

        Ticket.Fold([Created(), assigned]).AssignedTechnicianId.ShouldBe(OtherTechnicianId);
        Ticket.Fold([Created(), assigned, unassigned]).AssignedTechnicianId.ShouldBeNull();
    }

    [Fact]
    public void TicketBilled_marks_billed() => Ticket.Fold([Created(), Billed()]).IsBilled.ShouldBeTrue();

    [Fact]
    public void TicketDeleted_marks_deleted() => Ticket.Fold([Created(), Deleted()]).IsDeleted.ShouldBeTrue();

    [Fact]
    public void TicketAssignedToTaskfire_links_the_msp_side_to_its_copy() =>
        Msp().Taskfire.ShouldBe(new TaskfireLink(CopyId, TicketSide.Msp, TaskfireQueue, ResourceId));

    [Fact]
    public void TaskfireCopyCreated_starts_the_copy_with_the_same_number_linked_back()
    {
        var copy = Copy();

        copy.ShouldSatisfyAllConditions(
            () => copy.Id.ShouldBe(CopyId),
            () => copy.Number.ShouldBe(Number),
            () => copy.Source.ShouldBe(TicketSource.Taskfire),
            () => copy.Fields.Queue.ShouldBe(TaskfireQueue),
            () => copy.IsTaskfireCopy.ShouldBeTrue(),
            () => copy.Taskfire.ShouldBe(new TaskfireLink(TicketId, TicketSide.TaskfireCopy, TaskfireQueue, ResourceId)));
    }

    [Fact]
    public void TaskfireWorkCompleted_changes_the_copy_status()
    {
        var copy = Copy(new TaskfireWorkCompleted(CopyId, ReplyId, "Done", "work-done", StatusCategory.Resolved, Technician, Now));

        copy.StatusId.ShouldBe("work-done");
        copy.StatusCategory.ShouldBe(StatusCategory.Resolved);
        copy.ResolvedAt.ShouldBe(Now);
    }

    [Fact]
    public void TaskfireQuestionAsked_only_touches_the_update_time() =>
        Copy(new TaskfireQuestionAsked(CopyId, ReplyId, "Which tray?", ResourceId, Technician, Now))
            .ShouldBe(Copy() with { UpdatedAt = Now });

    [Fact]
    public void SharedCopyDeleted_marks_the_partner_deleted() =>
        Copy(new SharedCopyDeleted(CopyId, TicketId, ResourceId, Technician, Now)).IsDeleted.ShouldBeTrue();
}
