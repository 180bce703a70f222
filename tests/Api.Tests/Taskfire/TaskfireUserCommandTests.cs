using System.Net;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>T10: a Taskfire user works their copy: its status, notes shared with the MSP, and deleting the pair.</summary>
public sealed class TaskfireUserCommandTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task The_taskfire_user_changes_their_copys_status_and_the_msp_ticket_keeps_its_own()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);

        await cast.Resource.TaskfireCommandAsync(pair.Copy, "status", new { status = "pending" });

        var copy = await cast.Resource.TaskfireTicketAsync(pair.Copy);
        copy.Ticket.StatusId.ShouldBe("pending");
        copy.Timeline.ShouldContain(e => e.Kind == "StatusChange" && e.ToStatusId == "pending" && e.Side == "TaskfireCopy");
        (await cast.Technician.TicketAsync(pair.Msp)).Ticket.StatusId.ShouldBe("open");
    }

    [Fact]
    public async Task A_status_change_on_a_ticket_not_theirs_with_an_unknown_status_or_a_stale_version_is_refused_and_writes_nothing()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);
        var events = await api.EventCountAsync();

        foreach (var id in new[] { other.Copy, own.Msp, Guid.NewGuid() })
        {
            await cast.Resource.TaskfireCommandAsync(id, "status", new { status = "pending" }, HttpStatusCode.NotFound).ShouldBeProblemAsync("ticket.not_found");
        }

        await cast.Resource.TaskfireCommandAsync(own.Copy, "status", new { status = "no-such-status" }, HttpStatusCode.UnprocessableEntity)
            .ShouldBeProblemAsync("ticket.unknown_status");
        await cast.Resource.TaskfireCommandAsync(own.Copy, "status", new { status = "pending" }, HttpStatusCode.PreconditionFailed, "\"99\"")
            .ShouldBeProblemAsync("concurrency.precondition_failed");
        await cast.Resource.TaskfireCommandAsync(own.Copy, "status", new { status = "" }, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_note_lands_on_both_tickets_marked_as_written_by_the_taskfire_side_and_internal_for_the_msp()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);

        await cast.Resource.TaskfireCommandAsync(pair.Copy, "notes", new { body = "Cable replaced on floor 2" });

        var copy = await cast.Resource.TaskfireTicketAsync(pair.Copy);
        copy.Timeline.ShouldContain(e => e.Kind == "TaskfireNote" && e.Body == "Cable replaced on floor 2" && e.Side == "TaskfireCopy" && e.AuthorKind == "Taskfire");
        var msp = await cast.Technician.TicketAsync(pair.Msp);
        msp.Timeline.ShouldContain(e => e.Kind == "TaskfireNote" && e.Body == "Cable replaced on floor 2" && e.Visibility == "Internal");
        (await cast.Colleague.TaskfireTicketAsync(pair.Copy)).Timeline.ShouldContain(e => e.Body == "Cable replaced on floor 2");
    }

    [Fact]
    public async Task A_note_mails_the_msps_assigned_technician_and_never_the_end_user()
    {
        var cast = await api.CastAsync();
        var technicianEmail = (await cast.Technician.GetAsync<ProfileBody>("/api/me")).Email;
        var contact = await cast.Technician.CreateContactAsync(cast.CustomerA);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot", contact.Id);
        await cast.Technician.CommandAsync(pair.Msp, "assign", new { technicianId = cast.Technician.Id });

        var noting = await api.TrackedAsync(() => cast.Resource.TaskfireCommandAsync(pair.Copy, "notes", new { body = "The AC is back on" }));

        var mail = await api.SentMailAsync(noting, technicianEmail, "reply_posted");
        mail.TextBody!.ShouldContain("The AC is back on");
        noting.MailsSent(contact.Email).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_note_on_a_ticket_not_theirs_an_empty_note_or_a_stale_version_is_refused_and_writes_nothing()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);
        var events = await api.EventCountAsync();

        foreach (var id in new[] { other.Copy, own.Msp })
        {
            await cast.Resource.TaskfireCommandAsync(id, "notes", new { body = "Hello?" }, HttpStatusCode.NotFound).ShouldBeProblemAsync("ticket.not_found");
        }

        await cast.Resource.TaskfireCommandAsync(own.Copy, "notes", new { body = "" }, HttpStatusCode.BadRequest).ShouldBeProblemAsync("request.invalid");
        await cast.Resource.TaskfireCommandAsync(own.Copy, "notes", new { body = "Late" }, HttpStatusCode.PreconditionFailed, "\"99\"")
            .ShouldBeProblemAsync("concurrency.precondition_failed");

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Deleting_the_copy_deletes_both_tickets_and_mails_the_msps_assigned_technician()
    {
        var cast = await api.CastAsync();
        var technicianEmail = (await cast.Technician.GetAsync<ProfileBody>("/api/me")).Email;
        var resourceEmail = (await cast.Resource.GetAsync<ProfileBody>("/api/me")).Email;
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Server room too hot");
        await cast.Technician.CommandAsync(pair.Msp, "assign", new { technicianId = cast.Technician.Id });

        var deleting = await api.TrackedAsync(() => cast.Resource.TaskfireDeleteAsync(pair.Copy));

        foreach (var gone in new[] { pair.Msp, pair.Copy })
        {
            await cast.Technician.ProblemAsync(s => s.Get.Url($"/api/tickets/{gone}"), HttpStatusCode.NotFound, "ticket.not_found");
        }

        await cast.Resource.TaskfireGetRefusedAsync(pair.Copy, HttpStatusCode.NotFound, "ticket.not_found");
        (await cast.Resource.TaskfireListAsync()).Items.ShouldBeEmpty();
        var mail = await api.SentMailAsync(deleting, technicianEmail, "shared_ticket_deleted");
        mail.Subject.ShouldBe($"Ticket {pair.Number} was deleted");
        deleting.MailsSent(resourceEmail).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_a_ticket_not_theirs_a_billed_pair_or_with_a_stale_version_is_refused_and_writes_nothing()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var billed = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        await cast.Technician.CommandAsync(billed.Msp, "bill");
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);
        var events = await api.EventCountAsync();

        foreach (var id in new[] { other.Copy, own.Msp })
        {
            await cast.Resource.TaskfireDeleteAsync(id, HttpStatusCode.NotFound).ShouldBeProblemAsync("ticket.not_found");
        }

        await cast.Resource.TaskfireDeleteAsync(billed.Copy, HttpStatusCode.Conflict).ShouldBeProblemAsync("ticket.billed_locked");
        await cast.Resource.TaskfireDeleteAsync(own.Copy, HttpStatusCode.PreconditionFailed, "\"99\"").ShouldBeProblemAsync("concurrency.precondition_failed");

        (await api.EventCountAsync()).ShouldBe(events);
        (await cast.Resource.TaskfireListAsync()).Items.Count.ShouldBe(2);
    }
}
