using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Tickets;

public sealed class TaskfireTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    private async Task<(ApiUser Technician, CreatedTicket Ticket, Guid ResourceId)> TicketAsync()
    {
        var technician = await api.SignInStaffAsync();
        var customerId = await (await api.SignInAdminAsync()).CreateCustomerAsync();
        var resource = await api.SignInStaffAsync("taskfire", customerId);
        return (technician, await technician.CreateTicketAsync(customerId), resource.Id);
    }

    private static async Task<Guid> HandOverAsync(ApiUser technician, Guid id, Guid resourceId)
    {
        await technician.CommandAsync(id, "taskfire", new { queue = "Customer IT", resourceId, note = "Over to you" });
        var copyId = (await technician.TicketAsync(id)).Ticket.LinkedTicketId;
        copyId.ShouldNotBeNull();
        return copyId.Value;
    }

    [Fact]
    public async Task Assigning_to_taskfire_creates_a_linked_copy_with_the_same_number_listed_on_both_sides()
    {
        var (technician, ticket, resourceId) = await TicketAsync();

        await technician.CommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId, note = "Please swap the toner" });

        var msp = (await technician.TicketAsync(ticket.Id)).Ticket;
        var rows = (await technician.TicketListAsync($"customerId={msp.CustomerId}")).Items;
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => r.Number == ticket.Number);
        rows.Select(r => r.Side).Order().ShouldBe(["Msp", "TaskfireCopy"]);
        var copy = rows.Single(r => r.Side == "TaskfireCopy");
        copy.LinkedTicketId.ShouldBe(ticket.Id);
        msp.LinkedTicketId.ShouldBe(copy.Id);
    }

    [Fact]
    public async Task Taskfire_assignment_needs_a_note()
    {
        var (technician, ticket, resourceId) = await TicketAsync();

        var problem = await technician.RefusedCommandAsync(ticket.Id, "taskfire", new { queue = "Customer IT", resourceId, note = "" },
            HttpStatusCode.BadRequest, "request.invalid");

        problem.Errors!.ShouldContainKey("note");
    }

    [Fact]
    public async Task Work_complete_changes_the_copy_status_not_the_msp_ticket_and_notes_both()
    {
        var (technician, ticket, resourceId) = await TicketAsync();
        var copyId = await HandOverAsync(technician, ticket.Id, resourceId);

        await technician.CommandAsync(ticket.Id, "taskfire/work-complete", new { note = "Router replaced on our side" });

        var msp = await technician.TicketAsync(ticket.Id);
        msp.Ticket.StatusCategory.ShouldBe("Open");
        msp.Timeline.ShouldContain(e => e.Body == "Router replaced on our side");
        var copy = await technician.TicketAsync(copyId);
        copy.Ticket.StatusCategory.ShouldBe("Resolved");
        copy.Timeline.ShouldContain(e => e.Body == "Router replaced on our side");
    }

    [Fact]
    public async Task A_question_lands_on_the_copy_for_the_taskfire_user()
    {
        var (technician, ticket, resourceId) = await TicketAsync();
        var copyId = await HandOverAsync(technician, ticket.Id, resourceId);

        await technician.CommandAsync(ticket.Id, "taskfire/questions", new { question = "Which floor is the printer on?" });

        (await technician.TicketAsync(copyId)).Timeline.ShouldContain(e => e.Body == "Which floor is the printer on?");
    }

    [Fact]
    public async Task Questions_and_work_complete_without_a_taskfire_copy_are_refused()
    {
        var (technician, ticket, _) = await TicketAsync();

        await technician.RefusedCommandAsync(ticket.Id, "taskfire/questions", new { question = "Anyone there?" }, HttpStatusCode.Conflict, "ticket.taskfire_not_assigned");
    }

    [Fact]
    public async Task Deleting_either_copy_deletes_both_in_one_transaction()
    {
        var (technician, ticket, resourceId) = await TicketAsync();
        var copyId = await HandOverAsync(technician, ticket.Id, resourceId);

        await technician.Scenario(s =>
        {
            s.Delete.Url($"/api/tickets/{ticket.Id}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        foreach (var gone in new[] { ticket.Id, copyId })
        {
            await technician.Scenario(s =>
            {
                s.Get.Url($"/api/tickets/{gone}");
                s.StatusCodeShouldBe(HttpStatusCode.NotFound);
            });
        }

        // Which event each side got (the copy's is the one that notifies) is only in the event log.
        var types = await api.ScalarAsync<string[]>("select array_agg(type order by stream_id) from mt_events where stream_id = any($1) and type like '%deleted'", new[] { ticket.Id, copyId });
        types.Order().ShouldBe(["ticket.deleted", "ticket.shared_copy_deleted"]);
    }
}
