using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class AuditTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task History_lists_every_event_of_the_ticket_and_its_copy_with_actor_and_correlation()
    {
        var (technician, technicianId) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();
        var (_, resourceId) = await api.StaffAsync("taskfire", customerId);
        var (id, _) = await technician.CreateTicketAsync(customerId);
        (await technician.CommandAsync(id, "status", new { status = "pending" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "Yours" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (auditor, _) = await api.StaffAsync("auditor");

        var history = (await auditor.GetFromJsonAsync<JsonElement[]>(TicketHttp.Url($"/api/audit/tickets/{id}/history")))!;

        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(
            ["ticket.created", "ticket.status_changed", "ticket.assigned_to_taskfire", "ticket.taskfire_copy_created"]);
        history.Select(e => e.GetProperty("sequence").GetInt64()).ShouldBeInOrder();
        history.Last().GetProperty("stream").GetString().ShouldBe("LinkedCopy");
        history.ShouldAllBe(e => e.GetProperty("actorId").GetGuid() == technicianId);
        history[2].GetProperty("correlationId").GetGuid().ShouldBe(history[3].GetProperty("correlationId").GetGuid());
    }

    [Fact]
    public async Task State_as_of_a_version_or_an_instant_is_the_ticket_folded_up_to_there()
    {
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await (await api.AdminAsync()).CreateCustomerAsync(), "First title");
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        (await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"), JsonContent.Create(new { title = "Second title" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (auditor, _) = await api.StaffAsync("auditor");

        var atVersion = await auditor.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"/api/audit/tickets/{id}/state?version=1"));
        var atInstant = await auditor.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"/api/audit/tickets/{id}/state?at={Uri.EscapeDataString(between.ToString("O"))}"));
        var now = await auditor.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"/api/audit/tickets/{id}/state"));

        atVersion.GetProperty("state").GetProperty("fields").GetProperty("title").GetString().ShouldBe("First title");
        atInstant.GetProperty("state").GetProperty("fields").GetProperty("title").GetString().ShouldBe("First title");
        atInstant.GetProperty("version").GetInt64().ShouldBe(1);
        now.GetProperty("state").GetProperty("fields").GetProperty("title").GetString().ShouldBe("Second title");
        now.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task State_before_the_ticket_existed_is_404_and_bad_queries_are_400()
    {
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await (await api.AdminAsync()).CreateCustomerAsync());
        var (auditor, _) = await api.StaffAsync("auditor");

        await (await auditor.GetAsync(TicketHttp.Url($"/api/audit/tickets/{id}/state?at=2000-01-01T00:00:00Z"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ticket.not_found");
        await (await auditor.GetAsync(TicketHttp.Url($"/api/audit/tickets/{Guid.NewGuid()}/history"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ticket.not_found");
        (await auditor.GetAsync(TicketHttp.Url($"/api/audit/tickets/{id}/state?version=0"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await auditor.GetAsync(TicketHttp.Url($"/api/audit/tickets/{id}/state?version=1&at=2030-01-01T00:00:00Z"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await auditor.GetAsync(TicketHttp.Url($"/api/audit/tickets/{id}/state?at=yesterday"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_auditors_and_admins_read_the_audit_api_and_auditors_cannot_command()
    {
        var (technician, _) = await api.StaffAsync();
        var (id, _) = await technician.CreateTicketAsync(await (await api.AdminAsync()).CreateCustomerAsync());
        var (auditor, _) = await api.StaffAsync("auditor");

        (await technician.GetAsync(TicketHttp.Url($"/api/audit/tickets/{id}/history"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await api.AdminAsync()).GetAsync(TicketHttp.Url($"/api/audit/tickets/{id}/history"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.CommandAsync(id, "status", new { status = "closed" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
