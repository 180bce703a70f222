using System.Net;
using Alba;
using Ticketing.Api.Tests.Identity;

namespace Ticketing.Api.Tests.Portal;

/// <summary>
/// Primary contacts (P2, ADR 0018): a customer may have several; each sees the whole company's tickets, the scope follows
/// the flag on the next request, and the flag is never implied: a contact body without it is refused.
/// </summary>
public sealed class PrimaryContactTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private readonly PortalDriver driver = new(factory);

    [Fact]
    public async Task Two_primary_contacts_of_one_customer_both_see_the_company_and_a_demoted_one_sees_only_their_own_at_once()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var ceo = await driver.ContactAsync(tech, customer, primary: true);
        var itLead = await driver.ContactAsync(tech, customer, primary: true);
        var clerk = await driver.ContactAsync(tech, customer);
        var clerks = await driver.TicketAsync(tech, customer, clerk.Id, "Clerk's printer");
        var leads = await driver.TicketAsync(tech, customer, itLead.Id, "Lead's VPN");

        (await driver.ItemsAsync(ceo)).Ids().ShouldBe([leads, clerks]);
        (await driver.ItemsAsync(itLead)).Ids().ShouldBe([leads, clerks]);

        await ReplaceAsync(tech, itLead.Id, new { firstName = "Casey", lastName = "Lead", email = $"l-{Guid.NewGuid():N}@customer.example", isPrimary = false });

        (await driver.ItemsAsync(itLead)).Ids().ShouldBe([leads]);
        await itLead.ProblemAsync(s => s.Get.Url($"/api/portal/tickets/{clerks}"), HttpStatusCode.NotFound, "ticket.not_found");
        (await driver.ItemsAsync(ceo)).Ids().ShouldBe([leads, clerks]);
    }

    [Fact]
    public async Task A_contact_body_without_isPrimary_is_400_on_create_and_replace_and_a_primary_contact_stays_primary()
    {
        var tech = await driver.StaffAsync("technician");
        var customer = await driver.CustomerAsync(tech);
        var boss = await driver.ContactAsync(tech, customer, primary: true);
        var outage = await driver.TicketAsync(tech, customer, null, "Phoned-in outage", new { source = "Phone" });
        var before = await tech.GetAsync<ContactBody>($"/api/contacts/{boss.Id}");
        var body = new { firstName = "Casey", lastName = "Boss", email = $"b-{Guid.NewGuid():N}@customer.example" };

        (await tech.InvalidFieldsAsync(s => s.Post.Json(body).ToUrl($"/api/customers/{customer}/contacts"))).ShouldBe(["isPrimary"]);
        (await tech.InvalidFieldsAsync(s => s.Put.Json(body).ToUrl($"/api/contacts/{boss.Id}"))).ShouldBe(["isPrimary"]);

        (await tech.GetAsync<PageBody<ContactBody>>($"/api/customers/{customer}/contacts")).Items.Select(c => c.Id).ShouldBe([boss.Id]);
        var after = await tech.GetAsync<ContactBody>($"/api/contacts/{boss.Id}");
        after.ShouldSatisfyAllConditions(c => c.IsPrimary.ShouldBeTrue(), c => c.Version.ShouldBe(before.Version));
        (await driver.ItemsAsync(boss)).Ids().ShouldBe([outage]);
    }

    private static Task<IScenarioResult> ReplaceAsync(ApiUser technician, Guid contactId, object body) => technician.Scenario(s =>
    {
        s.Put.Json(body).ToUrl($"/api/contacts/{contactId}");
        s.StatusCodeShouldBe(HttpStatusCode.OK);
    });
}
