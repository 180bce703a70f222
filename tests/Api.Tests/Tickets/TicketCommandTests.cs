using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class TicketCommandTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private async Task<(HttpClient Technician, Guid TicketId)> TicketAsync()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();
        var (id, _) = await technician.CreateTicketAsync(customerId);
        return (technician, id);
    }

    [Fact]
    public async Task Status_change_to_a_custom_status_records_its_category_and_bumps_the_etag()
    {
        var (technician, id) = await TicketAsync();

        var response = await technician.CommandAsync(id, "status", new { status = "Waiting for customer" }, ifMatch: "\"1\"");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var ticket = (await technician.GetTicketAsync(id)).GetProperty("ticket");
        ticket.GetProperty("statusId").GetString().ShouldBe("waiting-customer");
        ticket.GetProperty("statusCategory").GetString().ShouldBe("Pending");
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_writes_nothing()
    {
        var (technician, id) = await TicketAsync();
        (await technician.CommandAsync(id, "status", new { status = "pending" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = await api.EventCountAsync();

        var response = await technician.CommandAsync(id, "status", new { status = "resolved" }, ifMatch: "\"1\"");

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "concurrency.precondition_failed");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_validation_problem()
    {
        var (technician, id) = await TicketAsync();

        var response = await technician.CommandAsync(id, "status", new { status = "pending" }, ifMatch: "\"abc\"");

        (await response.ValidationErrorsAsync()).TryGetProperty("If-Match", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_status_is_unprocessable_and_unknown_ticket_is_404()
    {
        var (technician, id) = await TicketAsync();

        await (await technician.CommandAsync(id, "status", new { status = "frozen" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "ticket.unknown_status");
        await (await technician.CommandAsync(Guid.NewGuid(), "status", new { status = "open" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ticket.not_found");
        await (await technician.GetAsync(TicketHttp.Url($"/api/tickets/{Guid.NewGuid()}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Patch_changes_only_the_named_fields_and_null_clears_one()
    {
        var (technician, id) = await TicketAsync();

        var response = await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"),
            JsonContent.Create(new { title = "Printer offline on floor 2", priority = (string?)null, customFields = new { floor = "2" } }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var ticket = await technician.GetTicketAsync(id);
        ticket.GetProperty("ticket").GetProperty("title").GetString().ShouldBe("Printer offline on floor 2");
        ticket.GetProperty("ticket").GetProperty("priority").ValueKind.ShouldBe(JsonValueKind.Null);
        ticket.GetProperty("ticket").GetProperty("queue").GetString().ShouldBe("Service Desk");
        ticket.GetProperty("customFields").GetProperty("floor").GetString().ShouldBe("2");
    }

    [Theory]
    [InlineData("{\"colour\": \"red\"}", "colour")]
    [InlineData("{\"priority\": 5}", "priority")]
    [InlineData("{\"dueDate\": \"next tuesday\"}", "dueDate")]
    [InlineData("{}", "request")]
    [InlineData("[1,2]", "request")]
    public async Task Patch_with_unknown_fields_or_wrong_types_names_the_field_and_writes_nothing(string body, string field)
    {
        var (technician, id) = await TicketAsync();
        var events = await api.EventCountAsync();

        var response = await technician.PatchAsync(TicketHttp.Url($"/api/tickets/{id}"), new StringContent(body, Encoding.UTF8, "application/json"));

        (await response.ValidationErrorsAsync()).TryGetProperty(field, out _).ShouldBeTrue();
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Assigning_a_technician_shows_in_the_list_filter()
    {
        var (technician, id) = await TicketAsync();
        var (_, otherTechnicianId) = await api.StaffAsync();

        (await technician.CommandAsync(id, "assign", new { technicianId = otherTechnicianId })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await technician.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"/api/tickets?assigneeId={otherTechnicianId}"));
        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([id]);
    }

    [Fact]
    public async Task A_billed_ticket_refuses_public_replies_and_field_changes_but_takes_internal_notes()
    {
        var (technician, id) = await TicketAsync();
        (await technician.CommandAsync(id, "bill")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await technician.CommandAsync(id, "replies", new { body = "Public words", visibility = "Public" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "ticket.billed_locked");
        await (await technician.CommandAsync(id, "status", new { status = "closed" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "ticket.billed_locked");
        await (await technician.CommandAsync(id, "bill")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "ticket.already_billed");
        (await technician.CommandAsync(id, "replies", new { body = "Invoice 4711 sent", visibility = "Internal" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_ticket_hides_it_and_refuses_later_commands()
    {
        var (technician, id) = await TicketAsync();

        (await technician.DeleteAsync(TicketHttp.Url($"/api/tickets/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await technician.GetAsync(TicketHttp.Url($"/api/tickets/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await technician.CommandAsync(id, "status", new { status = "open" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "ticket.deleted");
    }

    [Fact]
    public async Task Concurrent_commands_without_if_match_are_retried_and_all_land()
    {
        var (technician, id) = await TicketAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            technician.CommandAsync(id, "replies", new { body = $"Note {i}", visibility = "Internal" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThan(0);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var versions = await api.ScalarAsync<long>("select count(distinct version) from mt_events where stream_id = $1", id);
        var replies = (await technician.GetTicketAsync(id)).GetProperty("timeline").GetArrayLength();
        replies.ShouldBe(responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        versions.ShouldBe(1 + replies);
    }
}
