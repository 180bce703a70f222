using System.Globalization;
using System.Net;
using Alba;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Portal;
using Ticketing.Api.Tests.Tickets;
using Ticketing.Api.Tests.Workflow;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.Admin;

/// <summary>A1 through HTTP: each switch of the portal section changes what the portal and technician APIs do, at once.</summary>
public sealed class PortalSettingsEffectTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Hiding_a_status_takes_its_tickets_out_of_the_contacts_list()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, customerId) = await api.PortalContactAsync(tech);
        var open = await tech.OpenAsync(new { title = "Open one", customerId, contactId = contact.Id });
        var pending = await tech.OpenAsync(new { title = "Pending one", customerId, contactId = contact.Id, status = "pending" });
        (await PortalTicketIdsAsync(contact)).ShouldBe([open, pending], ignoreOrder: true);

        await WithPortalAsync(admin, p => p with { VisibleStatuses = ["open", "resolved", "closed"] }, async () =>
        {
            (await PortalTicketIdsAsync(contact)).ShouldBe([open]);
            await contact.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{pending}"), HttpStatusCode.NotFound, "ticket.not_found");
        });
    }

    [Fact]
    public async Task A_status_hidden_on_one_node_leaves_the_contacts_list_on_another_node_at_once()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, customerId) = await api.PortalContactAsync(tech);
        var open = await tech.OpenAsync(new { title = "Open on both", customerId, contactId = contact.Id });
        var pending = await tech.OpenAsync(new { title = "Pending on both", customerId, contactId = contact.Id, status = "pending" });
        await using var secondNode = new SecondNodeFactory(api);
        var onSecond = secondNode.As(contact.Token!);
        // The second node has read the settings in force (and holds them) before the first node changes them.
        (await PortalTicketIdsAsync(onSecond)).ShouldBe([open, pending], ignoreOrder: true);

        await WithPortalAsync(admin, p => p with { VisibleStatuses = ["open", "resolved", "closed"] }, async () =>
            (await PortalTicketIdsAsync(onSecond)).ShouldBe([open]));

        (await PortalTicketIdsAsync(onSecond)).ShouldBe([open, pending], ignoreOrder: true);
    }

    [Fact]
    public async Task With_reopening_forbidden_a_portal_reply_on_a_resolved_ticket_is_409_and_allowed_again_it_reopens()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, customerId) = await api.PortalContactAsync(tech);
        var id = await tech.OpenAsync(new { title = "Fixed", customerId, contactId = contact.Id, status = "resolved" });

        await WithPortalAsync(admin, p => p with { PortalCanReopen = false }, () =>
            contact.ProblemAsync(
                s => s.Post.Json(new { body = "Still broken" }).ToUrl($"/api/portal/tickets/{id}/replies"), HttpStatusCode.Conflict, "ticket.reopen_forbidden"));

        await WithPortalAsync(admin, p => p with { PortalCanReopen = true }, () => contact.Scenario(s =>
        {
            s.Post.Json(new { body = "Still broken" }).ToUrl($"/api/portal/tickets/{id}/replies");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        }));
    }

    [Fact]
    public async Task Manual_creation_off_makes_portal_creation_403_and_on_again_201()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, _) = await api.PortalContactAsync(tech);

        await WithPortalAsync(admin, p => p with { ManualCreationEnabled = false }, () =>
            contact.ProblemAsync(s => s.Post.Json(new { title = "Help" }).ToUrl("/api/portal/tickets"), HttpStatusCode.Forbidden, "portal.manual_creation_disabled"));

        await contact.Scenario(s =>
        {
            s.Post.Json(new { title = "Help" }).ToUrl("/api/portal/tickets");
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
    }

    [Fact]
    public async Task Ticketing_off_for_all_closes_the_section_even_for_a_customer_whose_flag_is_on()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var (contact, _) = await api.PortalContactAsync(tech);

        await WithPortalAsync(admin, p => p with { TicketingEnabled = false }, () =>
            contact.ProblemAsync(s => s.Get.Url("/api/portal/tickets"), HttpStatusCode.Forbidden, "portal.ticketing_disabled"));

        await contact.Scenario(s => s.Get.Url("/api/portal/tickets"));
    }

    [Fact]
    public async Task The_msp_time_zone_gives_the_date_of_new_ticket_numbers()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var customerId = await tech.CreateCustomerAsync();

        // UTC+14 and UTC-11 are never on the same calendar day, so each number shows which zone was used.
        foreach (var zone in new[] { "Pacific/Kiritimati", "Pacific/Pago_Pago" })
        {
            await WithPortalAsync(admin, p => p with { MspTimeZone = zone }, async () =>
            {
                var created = await tech.CreateTicketAsync(customerId);
                var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));
                created.Number.ShouldStartWith($"T{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.");
            });
        }
    }

    [Fact]
    public async Task Welcome_email_off_queues_no_welcome_mail_for_a_new_contact()
    {
        var admin = await api.SignInAdminAsync();
        var tech = await api.SignInStaffAsync();
        var customerId = await tech.CreateCustomerAsync();

        var silent = IdentityHttp.UniqueEmail("silent");
        var off = await api.TrackedAsync(() => WithPortalAsync(admin, p => p with { WelcomeEmail = false }, () => tech.CreateContactAsync(customerId, silent)));
        off.MailsSent(silent).ShouldBeEmpty();

        var welcomed = IdentityHttp.UniqueEmail("welcomed");
        var on = await api.TrackedAsync(() => WithPortalAsync(admin, p => p with { WelcomeEmail = true }, () => tech.CreateContactAsync(customerId, welcomed)));
        (await api.SentMailAsync(on, welcomed, Ticketing.Application.Email.EmailKinds.Welcome)).To.ToString().ShouldContain(welcomed);
    }

    [Fact]
    public async Task The_portal_url_and_every_switch_read_back_as_saved()
    {
        var admin = await api.SignInAdminAsync();
        await WithPortalAsync(admin, p => p with { PortalUrl = "https://support.example.com" }, async () =>
        {
            var (portal, _) = await admin.GetSectionAsync<PortalSection>();
            portal.PortalUrl.ShouldBe("https://support.example.com");
            portal.MspTimeZone.ShouldBe("Europe/Zurich");
        });
    }

    private static async Task<IEnumerable<Guid>> PortalTicketIdsAsync(ApiUser contact) =>
        (await contact.GetAsync<PortalList>("/api/portal/tickets")).Items.Ids();

    /// <summary>Saves the portal section changed by <paramref name="change"/>, runs <paramref name="act"/>, then saves the section as it was.</summary>
    private static async Task WithPortalAsync(ApiUser admin, Func<PortalSection, PortalSection> change, Func<Task> act)
    {
        var (original, _) = await admin.GetSectionAsync<PortalSection>();
        await admin.ChangeSectionAsync(change);
        try
        {
            await act();
        }
        finally
        {
            await admin.PutSectionAsync(original);
        }
    }
}
