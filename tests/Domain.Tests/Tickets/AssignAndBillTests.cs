using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class AssignTechnicianTests
{
    private static AssignTechnician Assign(Guid? technician, Actor? by = null) => new(TicketId, technician, by ?? Technician);

    [Fact]
    public void Technician_assigns_a_colleague() =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(OtherTechnicianId), s, Now))
            .Then(new TechnicianAssigned(TicketId, OtherTechnicianId, Technician, Now));

    [Fact]
    public void Admin_unassigns() =>
        Given(Created(), new TechnicianAssigned(TicketId, TechnicianId, Technician, Earlier))
            .When(s => TicketDecider.Decide(Assign(null, Admin), s, Now))
            .Then(new TechnicianAssigned(TicketId, null, Admin, Now));

    [Fact]
    public void Assigning_the_current_assignee_records_nothing() =>
        Given(Created(), new TechnicianAssigned(TicketId, TechnicianId, Technician, Earlier))
            .When(s => TicketDecider.Decide(Assign(TechnicianId), s, Now))
            .ThenNothing();

    [Fact]
    public void Portal_user_cannot_assign() =>
        Given(Created()).When(s => TicketDecider.Decide(Assign(TechnicianId, Contact), s, Now)).ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Billed_ticket_refuses_reassignment() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Assign(OtherTechnicianId), s, Now)).ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Deleted_ticket_refuses_assignment() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(Assign(OtherTechnicianId), s, Now)).ThenFails(TicketErrors.Deleted);

    [Fact]
    public void Workflow_rule_acting_as_system_may_assign()
    {
        var rule = Actor.System(Guid.Parse("0199a000-0000-7000-8000-000000000051"));

        Given(Created()).When(s => TicketDecider.Decide(Assign(TechnicianId, rule), s, Now))
            .Then(new TechnicianAssigned(TicketId, TechnicianId, rule, Now));
    }
}

public class BillTicketTests
{
    [Fact]
    public void Technician_bills_a_ticket() =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(new BillTicket(TicketId, Technician), s, Now))
            .Then(new TicketBilled(TicketId, Technician, Now));

    [Fact]
    public void Ticket_is_billed_only_once() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(new BillTicket(TicketId, Technician), s, Now))
            .ThenFails(TicketErrors.AlreadyBilled);

    [Fact]
    public void Portal_user_cannot_bill() =>
        Given(Created()).When(s => TicketDecider.Decide(new BillTicket(TicketId, Contact), s, Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Taskfire_copy_is_never_billed() =>
        Given(CopySide()).When(s => TicketDecider.Decide(new BillTicket(CopyId, Technician), s, Now))
            .ThenFails(TicketErrors.TaskfireCopyForbidden);

    [Fact]
    public void Deleted_ticket_cannot_be_billed() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(new BillTicket(TicketId, Technician), s, Now))
            .ThenFails(TicketErrors.Deleted);
}
