using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class DeleteTicketTests
{
    [Fact]
    public void Technician_deletes_a_ticket() =>
        Given(Created()).When(s => TicketDecider.Decide(new DeleteTicket(TicketId, Technician), s, null, Now))
            .Then(new TicketDeleted(TicketId, Technician, Now));

    [Fact]
    public void Deleting_the_msp_ticket_deletes_its_copy_and_notifies_the_resource() =>
        Given(MspSide()).When(s => TicketDecider.Decide(new DeleteTicket(TicketId, Technician), s, Copy(), Now))
            .Then(
                new StreamEvents(TicketId, [new TicketDeleted(TicketId, Technician, Now)]),
                new StreamEvents(CopyId, [new SharedCopyDeleted(CopyId, TicketId, ResourceId, Technician, Now)]));

    [Fact]
    public void Deleting_the_copy_deletes_the_msp_ticket_too() =>
        Given(CopySide()).When(s => TicketDecider.Decide(new DeleteTicket(CopyId, TaskfireUser), s, Msp(), Now))
            .Then(
                new StreamEvents(CopyId, [new TicketDeleted(CopyId, TaskfireUser, Now)]),
                new StreamEvents(TicketId, [new SharedCopyDeleted(TicketId, CopyId, ResourceId, TaskfireUser, Now)]));

    [Fact]
    public void Copy_cannot_be_deleted_while_the_msp_ticket_is_billed() =>
        Given(CopySide()).When(s => TicketDecider.Decide(new DeleteTicket(CopyId, TaskfireUser), s, Msp(Billed()), Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Billed_ticket_cannot_be_deleted() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(new DeleteTicket(TicketId, Technician), s, null, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Deleting_a_linked_ticket_needs_its_partner() =>
        Given(MspSide()).When(s => TicketDecider.Decide(new DeleteTicket(TicketId, Technician), s, null, Now))
            .ThenFails(TicketErrors.TaskfireLinkMismatch);

    [Fact]
    public void Portal_user_cannot_delete() =>
        Given(Created()).When(s => TicketDecider.Decide(new DeleteTicket(TicketId, Contact), s, null, Now))
            .ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void Deleted_ticket_cannot_be_deleted_again() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(new DeleteTicket(TicketId, Technician), s, null, Now))
            .ThenFails(TicketErrors.Deleted);

    [Fact]
    public void Copy_deleted_with_its_partner_refuses_everything() =>
        Given(CopySide(new SharedCopyDeleted(CopyId, TicketId, ResourceId, Technician, Now)))
            .When(s => TicketDecider.Decide(new PostReply(CopyId, ReplyId, "hi", ReplyVisibility.Public, false, [], TaskfireUser), s, Policies, Now))
            .ThenFails(TicketErrors.Deleted);
}
