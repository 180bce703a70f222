using System.Net;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

/// <summary>A ticket is assigned to staff only: a contact, an auditor or an unknown id is a 422 and nothing is written.</summary>
public sealed class AssigneeReferenceTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task Creating_a_ticket_assigned_to_a_contact_an_auditor_or_nobody_known_is_422_and_writes_no_event()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var (_, auditorId) = await api.StaffAsync("auditor");
        var events = await api.EventCountAsync();

        foreach (var notStaff in new[] { contact.Id, auditorId, Guid.NewGuid() })
        {
            var response = await technician.PostTicketAsync(new { title = "Printer offline", customerId, assigneeId = notStaff });
            await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.assignee_not_staff");
        }

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Assigning_an_existing_ticket_to_a_contact_is_422_and_leaves_the_ticket_as_it_was_while_staff_and_unassigning_work()
    {
        var (technician, _) = await api.StaffAsync();
        var (_, adminId) = await api.StaffAsync("admin");
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var (id, _) = await technician.CreateTicketAsync(customerId);
        var events = await api.EventCountAsync();

        await (await technician.CommandAsync(id, "assign", new { technicianId = contact.Id }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.assignee_not_staff");
        (await api.EventCountAsync()).ShouldBe(events);

        (await technician.CommandAsync(id, "assign", new { technicianId = adminId })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await technician.CommandAsync(id, "assign", new { technicianId = (Guid?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Handing_a_ticket_to_taskfire_needs_a_taskfire_user_of_the_tickets_own_customer_else_422_and_no_copy()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await technician.CreateCustomerAsync();
        var otherCustomerId = await technician.CreateCustomerAsync();
        var (_, ownResource) = await api.StaffAsync("taskfire", customerId);
        var (_, otherCustomersResource) = await api.StaffAsync("taskfire", otherCustomerId);
        var (_, aTechnician) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(customerId);
        var events = await api.EventCountAsync();

        foreach (var wrong in new[] { otherCustomersResource, aTechnician, Guid.NewGuid() })
        {
            await (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId = wrong, note = "Yours" }))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.taskfire_resource_invalid");
        }

        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId = ownResource, note = "Yours" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
