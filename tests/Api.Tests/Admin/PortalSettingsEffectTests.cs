using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.Email;
using Ticketing.Api.Tests.Identity;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Admin;

/// <summary>A1 through HTTP: each switch of the portal section changes what the portal and technician APIs do, at once.</summary>
public sealed class PortalSettingsEffectTests(AdminSettingsApiFactory api) : IClassFixture<AdminSettingsApiFactory>
{
    [Fact]
    public async Task Hiding_a_status_takes_its_tickets_out_of_the_contacts_list()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (contact, contactId, customerId) = await api.PortalContactAsync(tech);
        var open = await Created(await tech.PostTicketAsync(new { title = "Open one", customerId, contactId }));
        var pending = await Created(await tech.PostTicketAsync(new { title = "Pending one", customerId, contactId, status = "pending" }));
        (await contact.PortalItemsAsync()).Select(i => (Guid)i!["id"]!).ShouldBe([open, pending], ignoreOrder: true);

        await WithPortalAsync(admin, p => p["visibleStatuses"] = new JsonArray("open", "resolved", "closed"), async () =>
        {
            (await contact.PortalItemsAsync()).Select(i => (Guid)i!["id"]!).ShouldBe([open]);
            await (await contact.GetAsync(TicketHttp.Url($"/api/portal/tickets/{pending}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "ticket.not_found");
        });
    }

    [Fact]
    public async Task With_reopening_forbidden_a_portal_reply_on_a_resolved_ticket_is_409_and_allowed_again_it_reopens()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (contact, contactId, customerId) = await api.PortalContactAsync(tech);
        var id = await Created(await tech.PostTicketAsync(new { title = "Fixed", customerId, contactId, status = "resolved" }));

        await WithPortalAsync(admin, p => p["portalCanReopen"] = false, async () =>
            await (await contact.PostAsJsonAsync(TicketHttp.Url($"/api/portal/tickets/{id}/replies"), new { body = "Still broken" }))
                .ShouldBeProblemAsync(HttpStatusCode.Conflict, "ticket.reopen_forbidden"));

        await WithPortalAsync(admin, p => p["portalCanReopen"] = true, async () =>
            (await contact.PostAsJsonAsync(TicketHttp.Url($"/api/portal/tickets/{id}/replies"), new { body = "Still broken" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created));
    }

    [Fact]
    public async Task Manual_creation_off_makes_portal_creation_403_and_on_again_201()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (contact, _, _) = await api.PortalContactAsync(tech);

        await WithPortalAsync(admin, p => p["manualCreationEnabled"] = false, async () =>
            await (await contact.PostAsJsonAsync(TicketHttp.Url("/api/portal/tickets"), new { title = "Help" }))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "portal.manual_creation_disabled"));

        (await contact.PostAsJsonAsync(TicketHttp.Url("/api/portal/tickets"), new { title = "Help" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Ticketing_off_for_all_closes_the_section_even_for_a_customer_whose_flag_is_on()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var (contact, _, _) = await api.PortalContactAsync(tech);

        await WithPortalAsync(admin, p => p["ticketingEnabled"] = false, async () =>
            await (await contact.GetAsync(TicketHttp.Url("/api/portal/tickets"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "portal.ticketing_disabled"));

        (await contact.GetAsync(TicketHttp.Url("/api/portal/tickets"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_msp_time_zone_gives_the_date_of_new_ticket_numbers()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var customerId = await tech.CreateCustomerAsync();

        // UTC+14 and UTC-11 are never on the same calendar day, so each number shows which zone was used.
        foreach (var zone in new[] { "Pacific/Kiritimati", "Pacific/Pago_Pago" })
        {
            await WithPortalAsync(admin, p => p["mspTimeZone"] = zone, async () =>
            {
                var (_, number) = await tech.CreateTicketAsync(customerId);
                var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));
                number.ShouldStartWith($"T{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.");
            });
        }
    }

    [Fact]
    public async Task Welcome_email_off_queues_no_welcome_mail_for_a_new_contact()
    {
        var admin = await api.AdminAsync();
        var (tech, _) = await api.StaffAsync();
        var customerId = await tech.CreateCustomerAsync();

        var silent = IdentityHttp.UniqueEmail("silent");
        await WithPortalAsync(admin, p => p["welcomeEmail"] = false, () => tech.CreateContactAsync(customerId, silent));
        (await api.MailsAsync(silent, Ticketing.Application.Email.EmailKinds.Welcome)).ShouldBeEmpty();

        var welcomed = IdentityHttp.UniqueEmail("welcomed");
        await WithPortalAsync(admin, p => p["welcomeEmail"] = true, () => tech.CreateContactAsync(customerId, welcomed));
        (await api.SentMailsAsync(welcomed, Ticketing.Application.Email.EmailKinds.Welcome)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_portal_url_and_every_switch_read_back_as_saved()
    {
        var admin = await api.AdminAsync();
        await WithPortalAsync(admin, p => p["portalUrl"] = "https://support.example.com", async () =>
        {
            var (body, _) = await admin.GetSectionAsync("portal");
            ((string?)body["portalUrl"]).ShouldBe("https://support.example.com");
            ((string?)body["mspTimeZone"]).ShouldBe("Europe/Zurich");
        });
    }

    private static async Task<Guid> Created(HttpResponseMessage response) =>
        (Guid)(await response.JsonAsync(HttpStatusCode.Created))["id"]!;

    /// <summary>Saves the portal section changed by <paramref name="change"/>, runs <paramref name="act"/>, then saves the section as it was.</summary>
    private static async Task WithPortalAsync(HttpClient admin, Action<JsonObject> change, Func<Task> act)
    {
        var (original, _) = await admin.GetSectionAsync("portal");
        await admin.ChangeSectionAsync("portal", change);
        try
        {
            await act();
        }
        finally
        {
            (await admin.PutSectionAsync("portal", original)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
