using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class TicketCommandTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private async Task<(ApiUser Technician, Guid TicketId)> TicketAsync()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var ticket = await technician.CreateTicketAsync(customerId);
        return (technician, ticket.Id);
    }

    [Fact]
    public async Task Status_change_to_a_custom_status_records_its_category_and_bumps_the_etag()
    {
        var (technician, id) = await TicketAsync();

        var response = await technician.CommandAsync(id, "status", new { status = "Waiting for customer" }, ifMatch: "\"1\"");

        response.ETag().ShouldBe("\"2\"");
        response.ReadAs<CommandResult>().ShouldBe(new CommandResult(id, 2));
        var ticket = (await technician.TicketAsync(id)).Ticket;
        ticket.StatusId.ShouldBe("waiting-customer");
        ticket.StatusCategory.ShouldBe("Pending");
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_writes_nothing()
    {
        var (technician, id) = await TicketAsync();
        await technician.CommandAsync(id, "status", new { status = "pending" });
        var events = await api.EventCountAsync();

        await technician.CommandAsync(id, "status", new { status = "resolved" }, ifMatch: "\"1\"", status: HttpStatusCode.PreconditionFailed)
            .ShouldBeProblemAsync("concurrency.precondition_failed");

        // Nothing written anywhere in the event log, not only on this ticket's stream.
        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(id)).Ticket.ShouldSatisfyAllConditions(t => t.StatusId.ShouldBe("pending"), t => t.Version.ShouldBe(2));
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_validation_problem()
    {
        var (technician, id) = await TicketAsync();

        var problem = await technician.CommandAsync(id, "status", new { status = "pending" }, ifMatch: "\"abc\"", status: HttpStatusCode.BadRequest)
            .ShouldBeProblemAsync("request.invalid");

        problem.Errors!.ShouldContainKey("If-Match");
    }

    [Fact]
    public async Task Unknown_status_is_unprocessable_and_unknown_ticket_is_404()
    {
        var (technician, id) = await TicketAsync();

        await technician.RefusedCommandAsync(id, "status", new { status = "frozen" }, HttpStatusCode.UnprocessableEntity, "ticket.unknown_status");
        await technician.RefusedCommandAsync(Guid.NewGuid(), "status", new { status = "open" }, HttpStatusCode.NotFound, "ticket.not_found");
        await technician.ProblemAsync(s => s.Get.Url($"/api/tickets/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Patch_changes_only_the_named_fields_and_null_clears_one()
    {
        var (technician, id) = await TicketAsync();

        await technician.PatchTicketAsync(id, new { title = "Printer offline on floor 2", priority = (string?)null, customFields = new { floor = "2" } });

        var ticket = await technician.TicketAsync(id);
        ticket.Ticket.Title.ShouldBe("Printer offline on floor 2");
        ticket.Ticket.Priority.ShouldBeNull();
        ticket.Ticket.Queue.ShouldBe("Service Desk");
        ticket.CustomFields["floor"].ShouldBe("2");
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

        var errors = await technician.ValidationErrorsAsync(s =>
        {
            s.Patch.Text(body).ToUrl($"/api/tickets/{id}");
            s.WithRequestHeader("Content-Type", "application/json");
        });

        errors.ShouldContainKey(field);
        (await api.EventCountAsync()).ShouldBe(events);
        (await technician.TicketAsync(id)).Ticket.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Assigning_a_technician_shows_in_the_list_filter()
    {
        var (technician, id) = await TicketAsync();
        var otherTechnician = await api.SignInStaffAsync();

        await technician.CommandAsync(id, "assign", new { technicianId = otherTechnician.Id });

        (await technician.TicketListAsync($"assigneeId={otherTechnician.Id}")).Items.Select(t => t.Id).ShouldBe([id]);
    }

    [Fact]
    public async Task A_billed_ticket_refuses_public_replies_and_field_changes_but_takes_internal_notes()
    {
        var (technician, id) = await TicketAsync();
        await technician.CommandAsync(id, "bill");

        await technician.RefusedCommandAsync(id, "replies", new { body = "Public words", visibility = "Public" }, HttpStatusCode.Conflict, "ticket.billed_locked");
        await technician.RefusedCommandAsync(id, "status", new { status = "closed" }, HttpStatusCode.Conflict, "ticket.billed_locked");
        await technician.RefusedCommandAsync(id, "bill", null, HttpStatusCode.Conflict, "ticket.already_billed");
        await technician.CommandAsync(id, "replies", new { body = "Invoice 4711 sent", visibility = "Internal" });
    }

    [Fact]
    public async Task Deleting_a_ticket_hides_it_and_refuses_later_commands()
    {
        var (technician, id) = await TicketAsync();

        await technician.Scenario(s =>
        {
            s.Delete.Url($"/api/tickets/{id}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        await technician.Scenario(s =>
        {
            s.Get.Url($"/api/tickets/{id}");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        await technician.RefusedCommandAsync(id, "status", new { status = "open" }, HttpStatusCode.Conflict, "ticket.deleted");
    }

    [Fact]
    public async Task Concurrent_commands_without_if_match_are_retried_and_all_land()
    {
        var (technician, id) = await TicketAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            technician.Scenario(s =>
            {
                s.Post.Json(new { body = $"Note {i}", visibility = "Internal" }).ToUrl($"/api/tickets/{id}/replies");
                s.IgnoreStatusCode();
            })));

        var statuses = responses.Select(r => (HttpStatusCode)r.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeGreaterThan(0);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        var ticket = await technician.TicketAsync(id);
        ticket.Timeline.Count.ShouldBe(statuses.Count(s => s == HttpStatusCode.OK));
        // One event per landed command, each at its own version: the ticket's version is creation plus the replies.
        ticket.Ticket.Version.ShouldBe(1 + ticket.Timeline.Count);
    }
}
