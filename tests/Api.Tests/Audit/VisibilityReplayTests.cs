using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Portal;

namespace Ticketing.Api.Tests.Audit;

/// <summary>
/// "What could this contact see at that moment?" (issue 19, ADR 0026): <c>GET /api/audit/visibility</c> replays the
/// tickets, settings and the contact's role up to an instant and answers with the portal's own list and page. Each test
/// restores the settings it changes, since the tests of this class share one API.
/// </summary>
public sealed class VisibilityReplayTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private static readonly string[] Statuses = ["open", "pending", "resolved", "closed", "waiting-customer"];
    private static readonly string[] Priorities = ["Low", "Medium", "High"];

    [Fact]
    public async Task Replayed_now_the_list_and_every_page_are_exactly_what_the_portal_answers_under_changing_settings()
    {
        var (technician, admin, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"), await api.SignInStaffAsync("auditor"));
        var customerId = await technician.CreateCustomerAsync();
        var primary = await technician.CreateContactAsync(customerId, isPrimary: true, language: "fr");
        var plain = await technician.CreateContactAsync(customerId, language: "de");
        var other = await technician.CreateContactAsync(customerId, language: "en");
        var contacts = new[] { (Created: primary, User: await api.SignInUserAsync(primary)), (Created: plain, User: await api.SignInUserAsync(plain)) };
        var random = new Random(19);
        var tickets = new List<Guid>();
        var createdMidway = DateTimeOffset.MinValue;
        for (var i = 0; i < 24; i++)
        {
            if (i == 12)
            {
                createdMidway = await MomentAsync();
            }

            Guid?[] owners = [primary.Id, plain.Id, other.Id, null];
            var ticket = await technician.CreateTicketAsync(customerId, $"Generated {i}", owners[random.Next(owners.Length)]);
            tickets.Add(ticket.Id);
            await technician.PatchTicketAsync(ticket.Id, new { priority = Priorities[random.Next(Priorities.Length)], impact = "Single user" });
            if (random.Next(3) == 0)
            {
                await technician.CommandAsync(ticket.Id, "replies", new { body = $"Public answer {i}", visibility = "Public" });
            }

            if (random.Next(3) == 0)
            {
                await technician.CommandAsync(ticket.Id, "replies", new { body = $"Internal thought {i}", visibility = "Internal" });
            }

            await technician.CommandAsync(ticket.Id, "status", new { status = Statuses[random.Next(Statuses.Length)] });
            if (i % 7 == 3)
            {
                await technician.CommandAsync(ticket.Id, "bill");
            }
        }

        await technician.Scenario(s =>
        {
            s.Delete.Url($"/api/tickets/{tickets[5]}");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });

        var (portalBefore, _) = await admin.GetSectionAsync<PortalSection>();
        var (fieldsBefore, _) = await admin.GetSectionAsync<FieldsSection>();
        try
        {
            await ShouldAgreeAsync(auditor, contacts, tickets, "as configured");

            await admin.ChangeSectionAsync<PortalSection>(p => p with { VisibleStatuses = ["open", "resolved"] });
            await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule("impact", PortalFieldRule.Hidden).WithRule("priority", PortalFieldRule.ReadOnly));
            await ShouldAgreeAsync(auditor, contacts, tickets, "two statuses visible, impact hidden");

            await admin.ChangeSectionAsync<PortalSection>(p => p with { VisibleStatuses = Statuses, HideCreatedBefore = createdMidway });
            await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule("status", PortalFieldRule.Hidden));
            await ShouldAgreeAsync(auditor, contacts, tickets, "older tickets cut off, status hidden");
        }
        finally
        {
            await admin.ChangeSectionAsync<PortalSection>(_ => portalBefore);
            await admin.ChangeSectionAsync<FieldsSection>(_ => fieldsBefore);
        }
    }

    [Fact]
    public async Task Replayed_at_an_earlier_instant_the_contact_sees_the_tickets_settings_and_timeline_of_that_moment()
    {
        var (technician, admin, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("admin"), await api.SignInStaffAsync("auditor"));
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Printer offline", contact.Id);
        await technician.CommandAsync(ticket.Id, "replies", new { body = "We are on it", visibility = "Public" });
        var before = await MomentAsync();

        var (fieldsBefore, _) = await admin.GetSectionAsync<FieldsSection>();
        await admin.ChangeSectionAsync<FieldsSection>(f => f.WithRule("priority", PortalFieldRule.Hidden));
        try
        {
            await technician.CommandAsync(ticket.Id, "replies", new { body = "Replaced the fuser", visibility = "Public" });
            await technician.PatchTicketAsync(ticket.Id, new { title = "Printer fixed" });
            await technician.CommandAsync(ticket.Id, "status", new { status = "waiting-customer" });
            var (portal, _) = await admin.GetSectionAsync<PortalSection>();
            await admin.ChangeSectionAsync<PortalSection>(p => p with { VisibleStatuses = [.. p.VisibleStatuses.Where(s => s != "waiting-customer")] });
            try
            {
                var then = await ReplayAsync(auditor, contact.Id, before);
                Titles(then).ShouldBe(["Printer offline"]);
                var page = (await ReplayAsync(auditor, contact.Id, before, $"ticketId={ticket.Id}"))["ticket"]!;
                page["visible"]!.GetValue<bool>().ShouldBeTrue();
                page["page"]!["priority"].ShouldNotBeNull("priority was not hidden yet");
                Bodies(page).ShouldBe(["We are on it"]);

                var now = await ReplayAsync(auditor, contact.Id, null);
                Titles(now).ShouldBeEmpty("the ticket is in a status hidden from the portal now");
                var pageNow = (await ReplayAsync(auditor, contact.Id, null, $"ticketId={ticket.Id}"))["ticket"]!;
                pageNow["visible"]!.GetValue<bool>().ShouldBeFalse();
                pageNow["page"].ShouldBeNull("nothing of a ticket the contact cannot open is shown as its page");
                await (await api.SignInUserAsync(contact)).ProblemAsync(
                    s => s.Get.Url($"/api/portal/tickets/{ticket.Id}"), HttpStatusCode.NotFound, "ticket.not_found");
            }
            finally
            {
                await admin.ChangeSectionAsync<PortalSection>(_ => portal);
            }
        }
        finally
        {
            await admin.ChangeSectionAsync<FieldsSection>(_ => fieldsBefore);
        }
    }

    [Fact]
    public async Task A_primary_contact_demoted_later_saw_the_company_before_and_only_their_own_tickets_after()
    {
        var (technician, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("auditor"));
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId, isPrimary: true);
        var colleague = await technician.CreateContactAsync(customerId);
        await technician.CreateTicketAsync(customerId, "Mine", contact.Id);
        await technician.CreateTicketAsync(customerId, "Colleague's", colleague.Id);
        var whilePrimary = await MomentAsync();

        await technician.PutAsync<ContactBody>($"/api/contacts/{contact.Id}", new
        {
            firstName = "Anna", lastName = "Keller", email = contact.Email, language = "it", isPrimary = false,
        });

        var then = await ReplayAsync(auditor, contact.Id, whilePrimary);
        Titles(then).ShouldBe(["Colleague's", "Mine"], ignoreOrder: true);
        then["contact"]!["isPrimary"]!.GetValue<bool>().ShouldBeTrue();
        then["contact"]!["language"]!.GetValue<string>().ShouldBe("de");
        var now = await ReplayAsync(auditor, contact.Id, null);
        Titles(now).ShouldBe(["Mine"]);
        now["contact"]!["language"]!.GetValue<string>().ShouldBe("it");
    }

    [Fact]
    public async Task With_the_customers_ticketing_portal_off_at_the_instant_the_portal_was_closed_to_the_contact()
    {
        var (technician, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("auditor"));
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        await technician.CreateTicketAsync(customerId, "Before the switch", contact.Id);
        var open = await MomentAsync();
        await technician.PutAsync<CustomerBody>($"/api/customers/{customerId}", new
        {
            name = $"Switched off {customerId:N}", emailDomains = Array.Empty<string>(), timeZone = "Europe/Zurich",
            ticketingPortalEnabled = false, knowledgeBaseEnabled = false,
        });

        var closed = await ReplayAsync(auditor, contact.Id, null);
        closed["portalOpen"]!.GetValue<bool>().ShouldBeFalse();
        closed["closedBecause"]!.GetValue<string>().ShouldBe("portal.ticketing_disabled");
        Titles(closed).ShouldBeEmpty();
        var then = await ReplayAsync(auditor, contact.Id, open);
        then["portalOpen"]!.GetValue<bool>().ShouldBeTrue();
        Titles(then).ShouldBe(["Before the switch"]);
    }

    [Fact]
    public async Task The_ticket_replay_lists_the_mails_the_contact_was_sent_about_it_up_to_the_instant()
    {
        var (technician, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("auditor"));
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var colleague = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Mail me", contact.Id);
        var beforeReply = await MomentAsync();

        var replied = await api.TrackedAsync(() =>
            technician.CommandAsync(ticket.Id, "replies", new { body = "Please restart it", visibility = "Public" }));
        var sent = replied.MailsSent(contact.Email, "reply_posted").ShouldHaveSingleItem();

        var mails = (await ReplayAsync(auditor, contact.Id, null, $"ticketId={ticket.Id}"))["ticket"]!["mails"]!.AsArray();
        var mail = mails.ShouldHaveSingleItem()!;
        mail["mailId"]!.GetValue<Guid>().ShouldBe(sent.MailId);
        mail["kind"]!.GetValue<string>().ShouldBe("reply_posted");
        mail["causedBy"]!.GetValue<Guid>().ShouldBe(sent.CausedBy!.Value);
        (await ReplayAsync(auditor, contact.Id, beforeReply, $"ticketId={ticket.Id}"))["ticket"]!["mails"]!.AsArray().ShouldBeEmpty();
        (await ReplayAsync(auditor, colleague.Id, null, $"ticketId={ticket.Id}"))["ticket"]!["mails"]!.AsArray()
            .ShouldBeEmpty("the colleague was sent nothing about it");
    }

    [Fact]
    public async Task A_request_without_a_contact_for_the_future_or_paging_a_ticket_page_is_400_and_an_unknown_contact_404()
    {
        var (technician, auditor) = (await api.SignInStaffAsync(), await api.SignInStaffAsync("auditor"));
        var customerId = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customerId);
        var ticket = await technician.CreateTicketAsync(customerId, "Any", contact.Id);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));

        (await auditor.ValidationErrorsAsync(s => s.Get.Url("/api/audit/visibility"))).ShouldContainKey("contactId");
        (await auditor.ValidationErrorsAsync(s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}&at={future}"))).ShouldContainKey("at");
        (await auditor.ValidationErrorsAsync(s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}&ticketId={ticket.Id}&limit=5")))
            .ShouldContainKey("ticketId");
        (await auditor.ValidationErrorsAsync(s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}&cursor=not-a-cursor"))).ShouldContainKey("cursor");
        (await auditor.ValidationErrorsAsync(s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}&limit=0"))).ShouldContainKey("limit");
        await auditor.ProblemAsync(s => s.Get.Url($"/api/audit/visibility?contactId={Guid.NewGuid()}"), HttpStatusCode.NotFound, "contact.not_found");
        await auditor.ProblemAsync(s => s.Get.Url($"/api/audit/visibility?contactId={technician.Id}"), HttpStatusCode.NotFound, "contact.not_found");
        var longAgo = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(-1).ToString("O"));
        await auditor.ProblemAsync(
            s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}&at={longAgo}"), HttpStatusCode.NotFound, "contact.not_found");
        await technician.ProblemAsync(s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}"), HttpStatusCode.Forbidden, "http.403");
        await (await api.SignInUserAsync(contact)).ProblemAsync(
            s => s.Get.Url($"/api/audit/visibility?contactId={contact.Id}"), HttpStatusCode.Forbidden, "http.403");
    }

    /// <summary>
    /// For each contact: every page of the list (limit 5, each scope a primary contact has) and every ticket's page, as
    /// the portal answers now and as the replay answers at "now", compared as JSON.
    /// </summary>
    private async Task ShouldAgreeAsync(
        ApiUser auditor, IEnumerable<(CreatedContact Created, ApiUser User)> contacts, IReadOnlyList<Guid> tickets, string situation)
    {
        foreach (var (created, user) in contacts)
        {
            foreach (var scope in new[] { "company", "mine" })
            {
                string? cursor = null;
                var pages = 0;
                do
                {
                    var query = $"scope={scope}&limit=5" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                    var portal = JsonNode.Parse((await user.Scenario(s => s.Get.Url($"/api/portal/tickets?{query}"))).ReadAsText())!;
                    var replayed = (await ReplayAsync(auditor, created.Id, null, query))["tickets"]!;
                    JsonNode.DeepEquals(portal, replayed).ShouldBeTrue($"{situation}: list {scope} page {pages} of {created.Id}\nportal: {portal.ToJsonString()}\nreplay: {replayed.ToJsonString()}");
                    cursor = portal["nextCursor"]?.GetValue<string>();
                    pages++;
                }
                while (cursor is not null);
            }

            foreach (var id in tickets)
            {
                var result = await user.Scenario(s =>
                {
                    s.Get.Url($"/api/portal/tickets/{id}");
                    s.IgnoreStatusCode(); // either answer is compared below
                });
                var replayed = (await ReplayAsync(auditor, created.Id, null, $"ticketId={id}"))["ticket"]!;
                if (result.Context.Response.StatusCode == 404)
                {
                    replayed["visible"]!.GetValue<bool>().ShouldBeFalse($"{situation}: {id} is 404 in the portal");
                    replayed["page"].ShouldBeNull();
                    continue;
                }

                result.Context.Response.StatusCode.ShouldBe(200);
                var portal = JsonNode.Parse(result.ReadAsText())!;
                JsonNode.DeepEquals(portal, replayed["page"]).ShouldBeTrue($"{situation}: page {id}\nportal: {portal.ToJsonString()}\nreplay: {replayed["page"]?.ToJsonString()}");
            }
        }
    }

    private static async Task<JsonNode> ReplayAsync(ApiUser auditor, Guid contactId, DateTimeOffset? at, string? query = null)
    {
        var url = $"/api/audit/visibility?contactId={contactId}" + (at is null ? "" : $"&at={Uri.EscapeDataString(at.Value.ToString("O"))}")
            + (query is null ? "" : $"&{query}");
        return JsonNode.Parse((await auditor.Scenario(s => s.Get.Url(url))).ReadAsText())!;
    }

    private static IReadOnlyList<string> Titles(JsonNode replay) =>
        [.. replay["tickets"]!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>())];

    private static IReadOnlyList<string> Bodies(JsonNode ticket) =>
        [.. ticket["page"]!["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "reply").Select(e => e!["body"]!.GetValue<string>())];

    /// <summary>An instant strictly between what happened before and what happens after (the log's clock is the database's).</summary>
    private static async Task<DateTimeOffset> MomentAsync()
    {
        await Task.Delay(50);
        var moment = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        return moment;
    }
}
