using System.Net;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

/// <summary>T10: a Taskfire user (a customer's own IT) lists and reads the Taskfire copies of their company's tickets.</summary>
public sealed class TaskfireUserReadTests(TicketApiFactory api) : IClassFixture<TicketApiFactory>
{
    [Fact]
    public async Task The_list_holds_the_copies_of_the_users_own_customer_only_in_their_language_and_time_zone()
    {
        var cast = await api.CastAsync();
        var printer = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Printer offline");
        var vpn = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Colleague.Id, "VPN down");
        await cast.Technician.CreateTicketAsync(cast.CustomerA, "Not handed over");
        await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id, "Other company's printer");

        var page = await cast.Resource.TaskfireListAsync();

        page.Items.Select(i => i.Id).ShouldBe([vpn.Copy, printer.Copy]);
        page.NextCursor.ShouldBeNull();
        var item = page.Items[1];
        item.ShouldSatisfyAllConditions(
            i => i.Number.ShouldBe(printer.Number),
            i => i.Title.ShouldBe("Printer offline"),
            i => i.Queue.ShouldBe("Customer IT"),
            i => i.ResourceId.ShouldBe(cast.Resource.Id),
            i => i.StatusName.ShouldBe("Offen"),
            i => i.CreatedAt.Offset.ShouldBe(TimeSpan.FromHours(9)));
        (await cast.OtherResource.TaskfireListAsync()).Items.ShouldAllBe(i => i.Title == "Other company's printer");
    }

    [Fact]
    public async Task The_list_filters_by_status_priority_text_created_range_and_assigned_to_me()
    {
        var cast = await api.CastAsync();
        var printer = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Printer offline");
        var vpn = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Colleague.Id, "VPN down");
        await cast.Technician.CommandAsync(vpn.Msp, "taskfire/work-complete", new { note = "Tunnel reset" });
        var user = cast.Resource;

        (await user.TaskfireListAsync("scope=mine")).Items.Select(i => i.Id).ShouldBe([printer.Copy]);
        (await user.TaskfireListAsync("text=vpn")).Items.Select(i => i.Id).ShouldBe([vpn.Copy]);
        (await user.TaskfireListAsync("status=resolved")).Items.Select(i => i.Id).ShouldBe([vpn.Copy]);
        (await user.TaskfireListAsync("status=Open")).Items.Select(i => i.Id).ShouldBe([printer.Copy]);
        (await user.TaskfireListAsync("status=no-such-status")).Items.ShouldBeEmpty();
        (await user.TaskfireListAsync("priority=high")).Items.Count.ShouldBe(2);
        (await user.TaskfireListAsync("priority=low")).Items.ShouldBeEmpty();
        (await user.TaskfireListAsync("from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")).Items.Count.ShouldBe(2);
        (await user.TaskfireListAsync("to=2000-01-01T00:00:00Z")).Items.ShouldBeEmpty();
        (await user.TaskfireListAsync("from=2999-01-01T00:00:00Z")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_list_pages_by_cursor_with_a_bounded_page_size()
    {
        var cast = await api.CastAsync();
        var first = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "First");
        var second = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, "Second");

        var page = await cast.Resource.TaskfireListAsync("limit=1");
        page.Items.Select(i => i.Id).ShouldBe([second.Copy]);
        page.NextCursor.ShouldNotBeNull();
        var next = await cast.Resource.TaskfireListAsync($"limit=1&cursor={page.NextCursor}");
        next.Items.Select(i => i.Id).ShouldBe([first.Copy]);
        next.NextCursor.ShouldBeNull();

        (await cast.Resource.InvalidFieldsAsync(s => s.Get.Url($"{TaskfireUserHttp.Tickets}?limit=101"))).ShouldBe(["limit"]);
        (await cast.Resource.InvalidFieldsAsync(s => s.Get.Url($"{TaskfireUserHttp.Tickets}?cursor=not-a-cursor"))).ShouldBe(["cursor"]);
        (await cast.Resource.InvalidFieldsAsync(s => s.Get.Url($"{TaskfireUserHttp.Tickets}?scope=everyone"))).ShouldBe(["scope"]);
    }

    [Fact]
    public async Task The_copy_page_shows_public_replies_taskfire_notes_and_questions_marked_with_their_side_but_no_internal_note()
    {
        var cast = await api.CastAsync();
        var contact = await cast.Technician.CreateContactAsync(cast.CustomerA);
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id, contactId: contact.Id);
        await cast.Technician.CommandAsync(pair.Msp, "replies", new { body = "We are on it", visibility = "Public" });
        await cast.Technician.CommandAsync(pair.Msp, "replies", new { body = "Secret margin 40%", visibility = "Internal" });
        await cast.Technician.CommandAsync(pair.Msp, "replies", new { body = "Please check the cable", visibility = "Internal", taskfireRelated = true });
        await cast.Technician.CommandAsync(pair.Msp, "taskfire/questions", new { question = "Which floor?" });

        var page = await cast.Resource.TaskfireTicketAsync(pair.Copy);

        page.Ticket.Id.ShouldBe(pair.Copy);
        page.Ticket.Number.ShouldBe(pair.Number);
        page.TaskfireQueue.ShouldBe("Customer IT");
        page.TaskfireNote.ShouldBe("Over to you");
        page.Timeline.Select(e => (e.Kind, e.Body)).ShouldBe(
        [
            ("TaskfireAssigned", "Over to you"), ("Reply", "We are on it"), ("TaskfireNote", "Please check the cable"),
            ("TaskfireQuestion", "Which floor?"),
        ]);
        page.Timeline.ShouldAllBe(e => e.Side == "Msp" && e.AuthorKind == "Technician");
        page.Timeline.ShouldAllBe(e => e.At.Offset == TimeSpan.FromHours(9));
    }

    [Fact]
    public async Task Each_timeline_entry_names_its_author()
    {
        var cast = await api.CastAsync();
        var pair = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        await cast.Technician.CommandAsync(pair.Msp, "taskfire/questions", new { question = "Which floor?" });
        await cast.Resource.TaskfireCommandAsync(pair.Copy, "notes", new { body = "Second floor" });

        var timeline = (await cast.Colleague.TaskfireTicketAsync(pair.Copy)).Timeline;

        timeline.Select(e => (e.Body, e.AuthorName)).ShouldBe([("Over to you", "Toni Tech"), ("Which floor?", "Toni Tech"), ("Second floor", "Kim Inhouse")]);
    }

    [Fact]
    public async Task Another_customers_copy_an_msp_ticket_and_an_unknown_id_are_the_same_404()
    {
        var cast = await api.CastAsync();
        var own = await cast.Technician.HandedOverAsync(cast.CustomerA, cast.Resource.Id);
        var other = await cast.Technician.HandedOverAsync(cast.CustomerB, cast.OtherResource.Id);

        foreach (var id in new[] { other.Copy, other.Msp, own.Msp, Guid.NewGuid() })
        {
            await cast.Resource.TaskfireGetRefusedAsync(id, HttpStatusCode.NotFound, "ticket.not_found");
        }
    }
}
