using System.Net;
using Alba;
using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Portal;

public sealed class SectionFactory : PortalApiFactory;

/// <summary>P11 (sections per customer), P5 (manual creation switch), P3 date filter and P10 languages.</summary>
public sealed class PortalSectionAndLanguageTests(SectionFactory factory) : IClassFixture<SectionFactory>
{
    private readonly PortalDriver driver = new(factory);

    [Fact]
    public async Task The_ticketing_section_turned_off_for_a_customer_answers_403_with_a_clear_code()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech, ticketingEnabled: false);
        var contact = await driver.ContactAsync(tech, customer, primary: true);
        var id = await driver.TicketAsync(tech, customer, contact.Id, "Hidden section");

        await contact.ProblemAsync(s => s.Get.Url("/api/portal/tickets"), HttpStatusCode.Forbidden, "portal.ticketing_disabled");
        await contact.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{id}"), HttpStatusCode.Forbidden, "portal.ticketing_disabled");
        await contact.ProblemAsync(s => s.Post.Json(new { title = "x" }).ToUrl("/api/portal/tickets"), HttpStatusCode.Forbidden, "portal.ticketing_disabled");
    }

    [Fact]
    public async Task Manual_creation_turned_off_refuses_new_tickets_at_once()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        factory.Settings.Set("Ticketing:Portal:ManualCreationEnabled", "false");
        try
        {
            await contact.ProblemAsync(
                s => s.Post.Json(new { title = "Help" }).ToUrl("/api/portal/tickets"), HttpStatusCode.Forbidden, "portal.manual_creation_disabled");
        }
        finally
        {
            factory.Settings.Set("Ticketing:Portal:ManualCreationEnabled", null);
        }

        await driver.CreateAsync(contact, new { title = "Help" });
    }

    [Fact]
    public async Task The_date_filter_hides_tickets_created_before_it()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var contact = await driver.ContactAsync(tech, customer);
        var old = await driver.TicketAsync(tech, customer, contact.Id, "Before the cut-off");
        await Task.Delay(20);
        var cutOff = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var recent = await driver.TicketAsync(tech, customer, contact.Id, "After the cut-off");

        factory.Settings.Set("Ticketing:Portal:HideCreatedBefore", cutOff.ToString("O"));
        try
        {
            (await driver.ItemsAsync(contact)).Ids().ShouldBe([recent]);
            await contact.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{old}"), HttpStatusCode.NotFound, "ticket.not_found");
            var longAgo = Uri.EscapeDataString(cutOff.AddYears(-1).ToString("O"));
            (await driver.ItemsAsync(contact, $"?from={longAgo}")).Ids().ShouldBe([recent]);
        }
        finally
        {
            factory.Settings.Set("Ticketing:Portal:HideCreatedBefore", null);
        }

        (await driver.ItemsAsync(contact)).Ids().ShouldBe([recent, old]);
    }

    [Fact]
    public async Task Texts_come_in_the_contact_s_language_and_instants_in_utc_and_the_contact_s_zone()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var french = await driver.ContactAsync(tech, customer, language: "fr", timeZone: "America/New_York");
        var german = await driver.ContactAsync(tech, customer, language: "de", timeZone: "Asia/Tokyo");
        var id = await driver.TicketAsync(tech, customer, french.Id, "Langue", new { status = "pending" });

        var page = await driver.PageAsync(french, id);
        page.Status.ShouldNotBeNull().Value.Name.ShouldBe("En attente");
        page.TimeZone.ShouldBe("America/New_York");
        var (utc, local) = (page.CreatedAt, page.CreatedAtLocal);
        utc.Offset.ShouldBe(TimeSpan.Zero);
        local.ShouldBe(utc);
        local.Offset.ShouldBe(TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(utc));

        var problem = await german.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{id}"), HttpStatusCode.NotFound, "ticket.not_found");
        problem.Title.ShouldBe("Ticket nicht gefunden.");

        // Every portal language has the API's texts, and the contact's own language wins over the client's Accept-Language.
        var danish = await driver.ContactAsync(tech, customer, primary: true, language: "da");
        var inDanish = await driver.PageAsync(danish, id, s => s.WithRequestHeader("Accept-Language", "it-IT, en;q=0.5"));
        inDanish.Status.ShouldNotBeNull().Value.Name.ShouldBe("Afventer");
    }
}
