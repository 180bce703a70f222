using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class ChangeTicketStatusTests
{
    private static ChangeTicketStatus To(string status, Actor by) => new(TicketId, status, by);

    [Fact]
    public void Technician_moves_a_ticket_to_a_custom_status_with_its_category() =>
        Given(Created()).When(s => TicketDecider.Decide(To("Waiting Customer", Technician), s, Policies, Now))
            .Then(new TicketStatusChanged(TicketId, "open", "waiting-customer", StatusCategory.Pending, Technician, Now));

    [Fact]
    public void Unknown_status_is_refused() =>
        Given(Created()).When(s => TicketDecider.Decide(To("On hold", Technician), s, Policies, Now))
            .ThenFails(TicketErrors.UnknownStatus);

    [Fact]
    public void Same_status_records_nothing() =>
        Given(Created()).When(s => TicketDecider.Decide(To("OPEN", Technician), s, Policies, Now)).ThenNothing();

    [Fact]
    public void Portal_user_resolves_own_ticket() =>
        Given(Created()).When(s => TicketDecider.Decide(To("resolved", Contact), s, NoPortalReopen, Now))
            .Then(new TicketStatusChanged(TicketId, "open", "resolved", StatusCategory.Resolved, Contact, Now));

    [Fact]
    public void Portal_user_reopens_when_the_policy_allows() =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(To("open", Contact), s, Policies, Now))
            .Then(new TicketStatusChanged(TicketId, "resolved", "open", StatusCategory.Open, Contact, Now));

    [Theory]
    [InlineData("open")]
    [InlineData("pending")]
    [InlineData("waiting-customer")]
    public void Portal_user_cannot_reopen_a_resolved_ticket_when_the_policy_forbids(string status) =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(To(status, Contact), s, NoPortalReopen, Now))
            .ThenFails(TicketErrors.ReopenForbidden);

    [Fact]
    public void Portal_user_cannot_reopen_a_closed_ticket_when_the_policy_forbids() =>
        Given(Created(), Closed()).When(s => TicketDecider.Decide(To("open", Contact), s, NoPortalReopen, Now))
            .ThenFails(TicketErrors.ReopenForbidden);

    [Fact]
    public void Portal_user_may_close_a_resolved_ticket_when_reopening_is_forbidden() =>
        Given(Created(), Resolved()).When(s => TicketDecider.Decide(To("closed", Contact), s, NoPortalReopen, Now))
            .Then(new TicketStatusChanged(TicketId, "resolved", "closed", StatusCategory.Closed, Contact, Now));

    [Fact]
    public void Technician_can_always_reopen() =>
        Given(Created(), Closed()).When(s => TicketDecider.Decide(To("open", Technician), s, NoPortalReopen, Now))
            .Then(new TicketStatusChanged(TicketId, "closed", "open", StatusCategory.Open, Technician, Now));

    [Fact]
    public void Billed_ticket_refuses_portal_status_change() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(To("closed", Contact), s, Policies, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Billed_ticket_refuses_technician_status_change() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(To("closed", Technician), s, Policies, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Deleted_ticket_refuses_status_change() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(To("closed", Technician), s, Policies, Now))
            .ThenFails(TicketErrors.Deleted);

    [Fact]
    public void Taskfire_user_changes_the_status_of_their_copy() =>
        Given(CopySide()).When(s => TicketDecider.Decide(new ChangeTicketStatus(CopyId, "pending", TaskfireUser), s, Policies, Now))
            .Then(new TicketStatusChanged(CopyId, "open", "pending", StatusCategory.Pending, TaskfireUser, Now));

    [Fact]
    public void Taskfire_user_cannot_touch_the_msp_ticket() =>
        Given(MspSide()).When(s => TicketDecider.Decide(To("closed", TaskfireUser), s, Policies, Now))
            .ThenFails(TicketErrors.NotTaskfireCopy);

    [Fact]
    public void Technician_cannot_work_the_customers_copy() =>
        Given(CopySide()).When(s => TicketDecider.Decide(new ChangeTicketStatus(CopyId, "closed", Technician), s, Policies, Now))
            .ThenFails(TicketErrors.TaskfireCopyForbidden);
}
