using System.Net;
using Alba;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Portal;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>The 201 of <c>POST /api/taskfire/tickets</c>.</summary>
public sealed record OwnTicketCreated(Guid Id, string Number, long Version);

/// <summary>
/// T10 / seed 004: the Taskfire user's own help desk. Their own tickets are unseen by the MSP (technicians' lists and pages,
/// the customer portal) until they submit one, which makes the MSP's linked ticket with the same number, routed by issue
/// type or to the Client Portal queue (T7), carrying the notes chosen for sharing; from then on the two are a Taskfire pair.
/// </summary>
public sealed class TaskfireHelpDeskTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task An_own_ticket_is_listed_for_the_customers_taskfire_users_only_and_is_a_404_for_everyone_else()
    {
        var cast = await api.CastAsync();
        var primary = await api.SignInUserAsync(await cast.Technician.CreateContactAsync(cast.CustomerA, isPrimary: true));

        var own = await OpenAsync(cast.Resource, "Laptop fan noisy");

        own.Number.ShouldStartWith("T");
        (await cast.Resource.TaskfireListAsync()).Items.Select(i => i.Id).ShouldBe([own.Id]);
        var page = await cast.Colleague.TaskfireTicketAsync(own.Id);
        page.Ticket.ShouldSatisfyAllConditions(t => t.Title.ShouldBe("Laptop fan noisy"), t => t.Number.ShouldBe(own.Number), t => t.ResourceId.ShouldBe(cast.Resource.Id));
        (await cast.OtherResource.TaskfireListAsync()).Items.ShouldBeEmpty();
        await cast.OtherResource.TaskfireGetRefusedAsync(own.Id, HttpStatusCode.NotFound, "ticket.not_found");
        (await cast.Technician.TicketListAsync($"customerId={cast.CustomerA}")).Items.ShouldBeEmpty();
        (await cast.Technician.TicketListAsync("source=Taskfire&limit=200")).Items.ShouldNotContain(i => i.Id == own.Id);
        await cast.Technician.ProblemAsync(s => s.Get.Url($"/api/tickets/{own.Id}"), HttpStatusCode.NotFound, "ticket.not_found");
        (await primary.GetAsync<PortalList>("/api/portal/tickets")).Items.ShouldBeEmpty();
        await primary.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{own.Id}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Staff_commands_on_an_own_ticket_even_with_a_stale_version_are_the_404_of_a_missing_ticket_and_write_nothing()
    {
        var cast = await api.CastAsync();
        var own = await OpenAsync(cast.Resource, "Laptop fan noisy");
        var events = await api.EventCountAsync();

        await cast.Technician.RefusedCommandAsync(own.Id, "status", new { status = "pending" }, HttpStatusCode.NotFound, "ticket.not_found");
        await cast.Technician.RefusedCommandAsync(own.Id, "replies", new { body = "Peek", visibility = "Internal" }, HttpStatusCode.NotFound, "ticket.not_found");
        await cast.Technician.RefusedCommandAsync(own.Id, "taskfire/questions", new { question = "Hello?" }, HttpStatusCode.NotFound, "ticket.not_found");
        await cast.Technician.ProblemAsync(s => s.Delete.Url($"/api/tickets/{own.Id}"), HttpStatusCode.NotFound, "ticket.not_found");
        await cast.Technician.CommandAsync(own.Id, "status", new { status = "pending" }, "\"99\"", HttpStatusCode.NotFound).ShouldBeProblemAsync("ticket.not_found");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task The_taskfire_user_works_their_own_ticket_with_status_and_notes_and_deletes_it()
    {
        var cast = await api.CastAsync();
        var own = await OpenAsync(cast.Resource, "Laptop fan noisy");

        await cast.Resource.TaskfireCommandAsync(own.Id, "status", new { status = "pending" });
        await cast.Colleague.TaskfireCommandAsync(own.Id, "notes", new { body = "Ordered a new fan" });

        var page = await cast.Resource.TaskfireTicketAsync(own.Id);
        page.Ticket.StatusId.ShouldBe("pending");
        page.Timeline.Select(e => (e.Kind, e.Side)).ShouldBe([("StatusChange", "TaskfireCopy"), ("TaskfireNote", "TaskfireCopy")]);
        (await cast.Technician.TicketListAsync($"customerId={cast.CustomerA}")).Items.ShouldBeEmpty();

        await cast.Resource.TaskfireDeleteAsync(own.Id);
        (await cast.Resource.TaskfireListAsync()).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Submitting_makes_the_msps_ticket_with_the_same_number_in_the_client_portal_queue_with_the_shared_notes_only()
    {
        var cast = await api.CastAsync();
        var own = await OpenAsync(cast.Resource, "Laptop fan noisy");
        var shared = await NoteAsync(cast.Resource, own.Id, "Fan replaced, still loud");
        await NoteAsync(cast.Resource, own.Id, "Our budget is tight");

        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "We cannot fix it", shareNoteIds = new[] { shared } });

        var msp = (await cast.Technician.TicketListAsync($"customerId={cast.CustomerA}")).Items.Where(i => i.Side == "Msp").ShouldHaveSingleItem();
        msp.ShouldSatisfyAllConditions(
            t => t.Number.ShouldBe(own.Number), t => t.Side.ShouldBe("Msp"), t => t.Source.ShouldBe("Taskfire"), t => t.Queue.ShouldBe("Client Portal"),
            t => t.LinkedTicketId.ShouldBe(own.Id), t => t.TaskfireResourceId.ShouldBe(cast.Resource.Id), t => t.Title.ShouldBe("Laptop fan noisy"));
        var timeline = (await cast.Technician.TicketAsync(msp.Id)).Timeline;
        timeline.Select(e => (e.Kind, e.Body, e.Visibility)).ShouldBe(
            [("TaskfireSubmitted", "We cannot fix it", "Internal"), ("TaskfireNote", "Fan replaced, still loud", "Internal")], ignoreOrder: true);
        var page = await cast.Resource.TaskfireTicketAsync(own.Id);
        page.Timeline.ShouldContain(e => e.Kind == "TaskfireSubmitted" && e.Body == "We cannot fix it");
    }

    [Fact]
    public async Task A_submitted_ticket_is_routed_to_its_issue_types_queue()
    {
        var cast = await api.CastAsync();
        await RouteNetworkIssuesAsync();
        var own = await OpenAsync(cast.Resource, "Switch down", "network");

        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "Beyond us" });

        var msp = (await cast.Technician.TicketListAsync($"customerId={cast.CustomerA}")).Items.Where(i => i.Side == "Msp").ShouldHaveSingleItem();
        msp.Queue.ShouldBe("Network");
        msp.IssueType.ShouldBe("network");
    }

    [Fact]
    public async Task After_submission_the_pair_behaves_like_any_taskfire_pair()
    {
        var cast = await api.CastAsync();
        var primary = await api.SignInUserAsync(await cast.Technician.CreateContactAsync(cast.CustomerA, isPrimary: true));
        var own = await OpenAsync(cast.Resource, "Laptop fan noisy");
        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "We cannot fix it" });
        var msp = (await cast.Technician.TicketListAsync($"customerId={cast.CustomerA}")).Items.Single(i => i.Side == "Msp").Id;

        await cast.Technician.CommandAsync(msp, "taskfire/questions", new { question = "Which model?" });
        await cast.Resource.TaskfireCommandAsync(own.Id, "notes", new { body = "X1 Carbon" });
        await cast.Technician.CommandAsync(msp, "taskfire/work-complete", new { note = "Fan replaced under warranty" });

        var page = await cast.Resource.TaskfireTicketAsync(own.Id);
        page.Ticket.StatusId.ShouldBe("resolved");
        page.Timeline.ShouldContain(e => e.Kind == "TaskfireQuestion" && e.Body == "Which model?");
        (await cast.Technician.TicketAsync(msp)).Timeline.ShouldContain(e => e.Kind == "TaskfireNote" && e.Body == "X1 Carbon");
        (await primary.GetAsync<PortalList>("/api/portal/tickets")).Items.Select(i => i.Id).ShouldBe([msp]);

        await cast.Resource.TaskfireDeleteAsync(own.Id);
        await cast.Technician.ProblemAsync(s => s.Get.Url($"/api/tickets/{msp}"), HttpStatusCode.NotFound, "ticket.not_found");
    }

    [Fact]
    public async Task Submitting_twice_a_handed_over_copy_a_note_not_of_this_ticket_without_a_note_or_someone_elses_ticket_is_refused_and_writes_nothing()
    {
        var cast = await api.CastAsync();
        var own = await OpenAsync(cast.Resource, "Laptop fan noisy");
        var submitted = await OpenAsync(cast.Resource, "Printer");
        await cast.Resource.TaskfireCommandAsync(submitted.Id, "submit", new { note = "Yours" });
        var copy = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var elsewhere = await NoteAsync(cast.Resource, submitted.Id, "On another ticket");
        var theirs = await OpenAsync(cast.OtherResource, "Their own");
        var events = await api.EventCountAsync();

        await cast.Resource.TaskfireCommandAsync(submitted.Id, "submit", new { note = "Again" }, HttpStatusCode.Conflict).ShouldBeProblemAsync("ticket.taskfire_already_linked");
        await cast.Resource.TaskfireCommandAsync(copy.Copy, "submit", new { note = "Back to you" }, HttpStatusCode.Conflict).ShouldBeProblemAsync("ticket.taskfire_already_linked");
        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "Share", shareNoteIds = new[] { elsewhere } }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.shared_note_invalid");
        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "Share", shareNoteIds = new[] { Guid.NewGuid() } }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.shared_note_invalid");
        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "" }, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid");
        await cast.Resource.TaskfireCommandAsync(own.Id, "submit", new { note = "Late" }, HttpStatusCode.PreconditionFailed, "\"99\"")
            .ShouldBeProblemAsync("concurrency.precondition_failed");
        await cast.Resource.TaskfireCommandAsync(theirs.Id, "submit", new { note = "Not mine" }, HttpStatusCode.NotFound).ShouldBeProblemAsync("ticket.not_found");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task An_own_ticket_without_a_title_or_with_an_unknown_issue_type_is_refused_and_writes_nothing()
    {
        var cast = await api.CastAsync();
        await RouteNetworkIssuesAsync();
        var events = await api.EventCountAsync();

        (await cast.Resource.InvalidFieldsAsync(s => s.Post.Json(new { title = "" }).ToUrl(TaskfireUserHttp.Tickets))).ShouldBe(["title"]);
        await cast.Resource.ProblemAsync(s => s.Post.Json(new { title = "Odd", issueType = "no-such-type" }).ToUrl(TaskfireUserHttp.Tickets),
            HttpStatusCode.UnprocessableEntity, "ticket.unknown_issue_type");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    private static Task<OwnTicketCreated> OpenAsync(ApiUser user, string title, string? issueType = null) =>
        user.PostAsync<OwnTicketCreated>(TaskfireUserHttp.Tickets, new { title, issueType, priority = "high" });

    private static async Task<Guid> NoteAsync(ApiUser user, Guid id, string body)
    {
        await user.TaskfireCommandAsync(id, "notes", new { body });
        return (await user.TaskfireTicketAsync(id)).Timeline.Last(e => e.Body == body).Id;
    }

    // Issue type "network" lands in queue "Network" (T7), once per host; from then on the catalogues are in force, so
    // they keep the technicians' "Service Desk" queue the other tests open tickets in.
    private async Task RouteNetworkIssuesAsync()
    {
        var admin = await api.SignInAdminAsync();
        await admin.ChangeSectionAsync<CataloguesSection>(c => c.IssueTypes.Any(i => i.Key == "network") ? c : c with
        {
            Queues = [.. c.Queues.Except(["Network", "Service Desk"]), "Network", "Service Desk"],
            IssueTypes = [.. c.IssueTypes, new IssueTypeSetting("network", "Network")],
        });
    }
}
