using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class TaskfireTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private async Task<(HttpClient Technician, Guid TicketId, string Number, Guid ResourceId)> TicketAsync()
    {
        var (technician, _) = await api.StaffAsync();
        var customerId = await (await api.AdminAsync()).CreateCustomerAsync();
        var (_, resourceId) = await api.StaffAsync("taskfire", customerId);
        var (id, number) = await technician.CreateTicketAsync(customerId);
        return (technician, id, number, resourceId);
    }

    private static async Task<List<JsonElement>> ListByNumberAsync(HttpClient client, Guid customerId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(TicketHttp.Url($"/api/tickets?customerId={customerId}"))).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Assigning_to_taskfire_creates_a_linked_copy_with_the_same_number_listed_on_both_sides()
    {
        var (technician, id, number, resourceId) = await TicketAsync();

        var response = await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "Please swap the toner" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var msp = (await technician.GetTicketAsync(id)).GetProperty("ticket");
        var customerId = msp.GetProperty("customerId").GetGuid();
        var rows = await ListByNumberAsync(technician, customerId);
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => r.GetProperty("number").GetString() == number);
        rows.Select(r => r.GetProperty("side").GetString()).Order().ShouldBe(["Msp", "TaskfireCopy"]);
        var copy = rows.Single(r => r.GetProperty("side").GetString() == "TaskfireCopy");
        copy.GetProperty("linkedTicketId").GetGuid().ShouldBe(id);
        msp.GetProperty("linkedTicketId").GetGuid().ShouldBe(copy.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Taskfire_assignment_needs_a_note()
    {
        var (technician, id, _, resourceId) = await TicketAsync();

        var errors = await (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "" })).ValidationErrorsAsync();

        errors.TryGetProperty("note", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Work_complete_changes_the_copy_status_not_the_msp_ticket_and_notes_both()
    {
        var (technician, id, _, resourceId) = await TicketAsync();
        (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "Over to you" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var copyId = (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("linkedTicketId").GetGuid();

        var response = await technician.CommandAsync(id, "taskfire/work-complete", new { note = "Router replaced on our side" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("statusCategory").GetString().ShouldBe("Open");
        var copy = await technician.GetTicketAsync(copyId);
        copy.GetProperty("ticket").GetProperty("statusCategory").GetString().ShouldBe("Resolved");
        copy.GetProperty("timeline").EnumerateArray().ShouldContain(e => e.GetProperty("body").GetString() == "Router replaced on our side");
        (await technician.GetTicketAsync(id)).GetProperty("timeline").EnumerateArray()
            .ShouldContain(e => e.GetProperty("body").GetString() == "Router replaced on our side");
    }

    [Fact]
    public async Task A_question_lands_on_the_copy_for_the_taskfire_user()
    {
        var (technician, id, _, resourceId) = await TicketAsync();
        (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "Over to you" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var copyId = (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("linkedTicketId").GetGuid();

        (await technician.CommandAsync(id, "taskfire/questions", new { question = "Which floor is the printer on?" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await technician.GetTicketAsync(copyId)).GetProperty("timeline").EnumerateArray()
            .ShouldContain(e => e.GetProperty("body").GetString() == "Which floor is the printer on?");
    }

    [Fact]
    public async Task Questions_and_work_complete_without_a_taskfire_copy_are_refused()
    {
        var (technician, id, _, _) = await TicketAsync();

        var response = await technician.CommandAsync(id, "taskfire/questions", new { question = "Anyone there?" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "ticket.taskfire_not_assigned");
    }

    [Fact]
    public async Task Deleting_either_copy_deletes_both_in_one_transaction()
    {
        var (technician, id, _, resourceId) = await TicketAsync();
        (await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "Over to you" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var copyId = (await technician.GetTicketAsync(id)).GetProperty("ticket").GetProperty("linkedTicketId").GetGuid();

        (await technician.DeleteAsync(TicketHttp.Url($"/api/tickets/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await technician.GetAsync(TicketHttp.Url($"/api/tickets/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await technician.GetAsync(TicketHttp.Url($"/api/tickets/{copyId}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var types = await api.ScalarAsync<string[]>("select array_agg(type order by stream_id) from mt_events where stream_id = any($1) and type like '%deleted'", new[] { id, copyId });
        types.Order().ShouldBe(["ticket.deleted", "ticket.shared_copy_deleted"]);
    }
}
