using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>T10: the Taskfire pair is handed to another active Taskfire user of the same customer, from either side.</summary>
public sealed class TaskfireResourceTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task The_people_a_taskfire_user_can_hand_a_ticket_to_are_the_active_taskfire_users_of_their_own_customer()
    {
        var cast = await api.CastAsync();
        var deactivated = await api.TaskfireUserAsync(cast.CustomerA);
        await (await api.SignInAdminAsync()).PostAsync<StaffUserBody>($"/api/admin/users/{deactivated.Id}/deactivate", new { }, HttpStatusCode.OK);

        var colleagues = await cast.Resource.GetAsync<List<TaskfireColleagueView>>("/api/taskfire/users");

        colleagues.Select(c => c.Id).ShouldBe([cast.Resource.Id, cast.Colleague.Id], ignoreOrder: true);
        colleagues.ShouldAllBe(c => c.Name == "Kim Inhouse");
    }

    [Fact]
    public async Task The_taskfire_user_hands_their_copy_to_a_colleague_and_both_tickets_name_the_colleague()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);

        await cast.Resource.TaskfireCommandAsync(pair.Copy, "resource", new { resourceId = cast.Colleague.Id });

        (await cast.Colleague.TaskfireListAsync("scope=mine")).Items.Select(i => i.Id).ShouldBe([pair.Copy]);
        (await cast.Resource.TaskfireListAsync("scope=mine")).Items.ShouldBeEmpty();
        (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Ticket.ResourceId.ShouldBe(cast.Colleague.Id);
        (await cast.Technician.TicketAsync(pair.Msp)).Ticket.TaskfireResourceId.ShouldBe(cast.Colleague.Id);
    }

    [Fact]
    public async Task Staff_hand_the_pair_to_another_taskfire_user_of_the_customer_and_the_next_question_goes_to_them()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);

        await cast.Technician.CommandAsync(pair.Msp, "taskfire/resource", new { resourceId = cast.Colleague.Id });

        (await cast.Technician.TicketAsync(pair.Msp)).Ticket.TaskfireResourceId.ShouldBe(cast.Colleague.Id);
        (await cast.Colleague.TaskfireTicketAsync(pair.Copy)).Ticket.ResourceId.ShouldBe(cast.Colleague.Id);
        (await cast.Colleague.TaskfireListAsync("scope=mine")).Items.Select(i => i.Id).ShouldBe([pair.Copy]);
    }

    [Fact]
    public async Task Naming_the_current_resource_again_changes_nothing()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var version = (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Ticket.Version;
        var events = await api.EventCountAsync();

        await cast.Resource.TaskfireCommandAsync(pair.Copy, "resource", new { resourceId = cast.Resource.Id });

        (await api.EventCountAsync()).ShouldBe(events);
        (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Ticket.Version.ShouldBe(version);
    }

    [Fact]
    public async Task A_contact_a_technician_another_customers_taskfire_user_an_unknown_or_a_deactivated_user_is_refused_from_either_side_and_nothing_is_written()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var contact = await cast.Technician.CreateContactAsync(cast.CustomerA);
        var deactivated = await api.TaskfireUserAsync(cast.CustomerA);
        await (await api.SignInAdminAsync()).PostAsync<StaffUserBody>($"/api/admin/users/{deactivated.Id}/deactivate", new { }, HttpStatusCode.OK);
        var events = await api.EventCountAsync();

        foreach (var candidate in new[] { contact.Id, cast.Technician.Id, cast.OtherResource.Id, Guid.NewGuid(), deactivated.Id })
        {
            await cast.Resource.TaskfireCommandAsync(pair.Copy, "resource", new { resourceId = candidate }, HttpStatusCode.UnprocessableEntity)
                .ShouldBeProblemAsync("ticket.taskfire_resource_invalid");
            await cast.Technician.RefusedCommandAsync(pair.Msp, "taskfire/resource", new { resourceId = candidate }, HttpStatusCode.UnprocessableEntity,
                "ticket.taskfire_resource_invalid");
        }

        (await api.EventCountAsync()).ShouldBe(events);
        (await cast.Resource.TaskfireTicketAsync(pair.Copy)).Ticket.ResourceId.ShouldBe(cast.Resource.Id);
    }

    [Fact]
    public async Task A_ticket_not_theirs_a_ticket_without_taskfire_a_missing_id_or_a_stale_version_is_refused_and_nothing_is_written()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);
        var plain = await cast.Technician.CreateTicketAsync(cast.CustomerA);
        var events = await api.EventCountAsync();

        foreach (var id in new[] { other.Copy, own.Msp })
        {
            await cast.Resource.TaskfireCommandAsync(id, "resource", new { resourceId = cast.Colleague.Id }, HttpStatusCode.NotFound)
                .ShouldBeProblemAsync("ticket.not_found");
        }

        await cast.Resource.TaskfireCommandAsync(own.Copy, "resource", new { resourceId = Guid.Empty }, HttpStatusCode.BadRequest)
            .ShouldBeProblemAsync("request.invalid");
        await cast.Resource.TaskfireCommandAsync(own.Copy, "resource", new { resourceId = cast.Colleague.Id }, HttpStatusCode.PreconditionFailed, "\"99\"")
            .ShouldBeProblemAsync("concurrency.precondition_failed");
        await cast.Technician.RefusedCommandAsync(plain.Id, "taskfire/resource", new { resourceId = cast.Colleague.Id }, HttpStatusCode.Conflict,
            "ticket.taskfire_not_assigned");
        await cast.Technician.RefusedCommandAsync(own.Copy, "taskfire/resource", new { resourceId = cast.Colleague.Id }, HttpStatusCode.Conflict,
            "ticket.taskfire_copy_forbidden");

        (await api.EventCountAsync()).ShouldBe(events);
    }
}
