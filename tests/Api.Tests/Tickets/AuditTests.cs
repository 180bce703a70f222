using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class AuditTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task History_lists_every_event_of_the_ticket_and_its_copy_with_actor_and_correlation()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var resource = await api.SignInStaffAsync("taskfire", customerId);
        var ticket = await technician.CreateTicketAsync(customerId);
        await technician.CommandAsync(ticket.Id, "status", new { status = "pending" });
        await technician.CommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId = resource.Id, note = "Yours" });
        var auditor = await api.SignInStaffAsync("auditor");

        var history = await auditor.GetAsync<AuditedEvent[]>($"/api/audit/tickets/{ticket.Id}/history");

        history.Select(e => e.Type).ShouldBe(["ticket.created", "ticket.status_changed", "ticket.assigned_to_taskfire", "ticket.taskfire_copy_created"]);
        history.Select(e => e.Sequence).ShouldBeInOrder();
        history.Last().Stream.ShouldBe("LinkedCopy");
        history.ShouldAllBe(e => e.ActorId == technician.Id);
        history[2].CorrelationId.ShouldNotBeNull();
        history[2].CorrelationId.ShouldBe(history[3].CorrelationId);
    }

    [Fact]
    public async Task State_as_of_a_version_or_an_instant_is_the_ticket_folded_up_to_there()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync(), "First title");
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await technician.PatchTicketAsync(ticket.Id, new { title = "Second title" });
        var auditor = await api.SignInStaffAsync("auditor");

        var atVersion = await auditor.GetAsync<TicketStateAt>($"/api/audit/tickets/{ticket.Id}/state?version=1");
        var atInstant = await auditor.GetAsync<TicketStateAt>($"/api/audit/tickets/{ticket.Id}/state?at={Uri.EscapeDataString(between.ToString("O"))}");
        var now = await auditor.GetAsync<TicketStateAt>($"/api/audit/tickets/{ticket.Id}/state");

        atVersion.State.Fields.Title.ShouldBe("First title");
        atInstant.State.Fields.Title.ShouldBe("First title");
        atInstant.Version.ShouldBe(1);
        now.State.Fields.Title.ShouldBe("Second title");
        now.Version.ShouldBe(2);
    }

    [Fact]
    public async Task State_before_the_ticket_existed_is_404_and_bad_queries_are_400()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var auditor = await api.SignInStaffAsync("auditor");

        await auditor.ProblemAsync(s => s.Get.Url($"/api/audit/tickets/{ticket.Id}/state?at=2000-01-01T00:00:00Z"), HttpStatusCode.NotFound, "ticket.not_found");
        await auditor.ProblemAsync(s => s.Get.Url($"/api/audit/tickets/{Guid.NewGuid()}/history"), HttpStatusCode.NotFound, "ticket.not_found");
        foreach (var query in new[] { "version=0", "version=1&at=2030-01-01T00:00:00Z", "at=yesterday" })
        {
            await auditor.Scenario(s =>
            {
                s.Get.Url($"/api/audit/tickets/{ticket.Id}/state?{query}");
                s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            });
        }
    }

    [Fact]
    public async Task Only_auditors_and_admins_read_the_audit_api_and_auditors_cannot_command()
    {
        var technician = await api.SignInStaffAsync();
        var ticket = await technician.CreateTicketAsync(await (await api.SignInAdminAsync()).CreateCustomerAsync());
        var auditor = await api.SignInStaffAsync("auditor");

        await technician.Scenario(s =>
        {
            s.Get.Url($"/api/audit/tickets/{ticket.Id}/history");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await (await api.SignInAdminAsync()).GetAsync<AuditedEvent[]>($"/api/audit/tickets/{ticket.Id}/history");
        await auditor.CommandAsync(ticket.Id, "status", new { status = "closed" }, status: HttpStatusCode.Forbidden);
    }
}
