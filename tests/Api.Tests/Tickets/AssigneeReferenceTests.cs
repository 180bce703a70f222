using System.Net;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>A ticket is assigned to staff only: a contact, an auditor or an unknown id is a 422 and nothing is written.</summary>
public sealed class AssigneeReferenceTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Creating_a_ticket_assigned_to_a_contact_an_auditor_or_nobody_known_is_422_and_writes_no_event()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var auditor = await api.SignInStaffAsync("auditor");
        var events = await api.EventCountAsync();

        foreach (var notStaff in new[] { contact.Id, auditor.Id, Guid.NewGuid() })
        {
            await technician.PostTicketAsync(new { title = "Printer offline", customerId, assigneeId = notStaff }, HttpStatusCode.UnprocessableEntity)
                .ShouldBeProblemAsync("ticket.assignee_not_staff");
        }

        // No ticket exists to read back, so "nothing written" is the whole event log's size.
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Assigning_an_existing_ticket_to_a_contact_is_422_and_leaves_the_ticket_as_it_was_while_staff_and_unassigning_work()
    {
        var technician = await api.SignInStaffAsync();
        var admin = await api.SignInStaffAsync("admin");
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId);
        var events = await api.EventCountAsync();

        await technician.RefusedCommandAsync(ticket.Id, "assign", new { technicianId = contact.Id }, HttpStatusCode.UnprocessableEntity, "ticket.assignee_not_staff");
        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(ticket.Id)).Ticket.ShouldSatisfyAllConditions(t => t.AssigneeId.ShouldBeNull(), t => t.Version.ShouldBe(1));

        await technician.CommandAsync(ticket.Id, "assign", new { technicianId = admin.Id });
        (await technician.TicketAsync(ticket.Id)).Ticket.AssigneeId.ShouldBe(admin.Id);
        await technician.CommandAsync(ticket.Id, "assign", new { technicianId = (Guid?)null });
        (await technician.TicketAsync(ticket.Id)).Ticket.AssigneeId.ShouldBeNull();
    }

    [Fact]
    public async Task Handing_a_ticket_to_taskfire_needs_a_taskfire_user_of_the_tickets_own_customer_else_422_and_no_copy()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var otherCustomerId = await technician.CreateCustomerAsync();
        var ownResource = await api.SignInStaffAsync("taskfire", customerId);
        var otherCustomersResource = await api.SignInStaffAsync("taskfire", otherCustomerId);
        var aTechnician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(customerId);
        var events = await api.EventCountAsync();

        foreach (var wrong in new[] { otherCustomersResource.Id, aTechnician.Id, Guid.NewGuid() })
        {
            await technician.RefusedCommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId = wrong, note = "Yours" },
                HttpStatusCode.UnprocessableEntity, "ticket.taskfire_resource_invalid");
        }

        // No copy: no stream of any id was written to, which only the event log's size shows.
        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(ticket.Id)).Ticket.LinkedTicketId.ShouldBeNull();
        await technician.CommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId = ownResource.Id, note = "Yours" });
    }
}
