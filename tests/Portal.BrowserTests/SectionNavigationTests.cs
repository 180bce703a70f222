using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// P11 at the HTTP level: the navigation of a signed-in page offers the knowledge base exactly when the API's own check
/// admits the contact, that is when both its switches are on, the customer's and the portal's (ADR 0025: with the
/// ticketing section on, the navigation takes both from what the request read already).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class SectionNavigationTests(PortalHost host)
{
    private const string KnowledgeBaseLink = "href=\"/portal/kb\"";
    private const string DevicesLink = "href=\"/portal/devices\"";

    [Fact]
    public async Task The_knowledge_base_is_offered_only_while_the_customers_and_the_portals_switch_are_both_on()
    {
        var office = new BackOffice(host);
        var withKnowledgeBase = await office.ContactAsync(await office.CustomerAsync("Litware"), "Lee", "Reader");
        var withoutKnowledgeBase = await office.ContactAsync(await office.CustomerAsync("Adatum", knowledgeBase: false), "Ada", "Tickets");
        using var reader = await SignedInClientAsync(withKnowledgeBase);
        using var other = await SignedInClientAsync(withoutKnowledgeBase);

        (await reader.GetStringAsync("/portal/tickets")).ShouldContain(KnowledgeBaseLink);
        using (var page = await reader.GetAsync("/portal/kb"))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await other.GetStringAsync("/portal/tickets")).ShouldNotContain(KnowledgeBaseLink);
        using (var refused = await other.GetAsync("/portal/kb"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        await office.WithPortalSettingAsync("knowledgeBaseEnabled", false, async () =>
        {
            (await reader.GetStringAsync("/portal/tickets")).ShouldNotContain(KnowledgeBaseLink);
            using var refused = await reader.GetAsync("/portal/kb");
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            refused.Headers.Location!.ToString().ShouldBe("/portal?unavailable=true");
        });

        (await reader.GetStringAsync("/portal/tickets")).ShouldContain(KnowledgeBaseLink);
    }

    [Fact]
    public async Task My_devices_is_offered_only_while_self_service_is_on_for_the_contacts_customer_with_or_without_the_ticketing_section()
    {
        var office = new BackOffice(host);
        var litware = await office.CustomerAsync("Litware");
        var withTickets = await office.ContactAsync(litware, "Dev", "Tickets");
        var withoutTickets = await office.ContactAsync(await office.CustomerAsync("Adatum", ticketing: false), "Dev", "Knowledge");
        using var tickets = await SignedInClientAsync(withTickets);
        using var noTickets = await SignedInClientAsync(withoutTickets);

        await ShouldBeOfferedAsync(false);
        await office.WithPortalSettingAsync("selfServiceEnabled", true, () => ShouldBeOfferedAsync(true));
        await office.WithPortalSettingsAsync(
            new Dictionary<string, JsonNode?> { ["selfServiceEnabled"] = true, ["selfServiceCustomerIds"] = new JsonArray(litware.ToString()) },
            async () =>
            {
                (await tickets.GetStringAsync("/portal/tickets")).ShouldContain(DevicesLink);
                (await noTickets.GetStringAsync("/portal/kb")).ShouldNotContain(DevicesLink);
                using var refused = await noTickets.GetAsync("/portal/devices");
                refused.Headers.Location!.ToString().ShouldBe("/portal?unavailable=true");
            });

        async Task ShouldBeOfferedAsync(bool offered)
        {
            foreach (var (client, page) in new[] { (tickets, "/portal/tickets"), (noTickets, "/portal/kb") })
            {
                (await client.GetStringAsync(page)).Contains(DevicesLink, StringComparison.Ordinal).ShouldBe(offered, page);
                using var devices = await client.GetAsync("/portal/devices");
                devices.StatusCode.ShouldBe(offered ? HttpStatusCode.OK : HttpStatusCode.Redirect, page);
            }
        }
    }

    private async Task<HttpClient> SignedInClientAsync(BackOffice.Credentials contact)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = host.BaseAddress,
        };
        var html = await client.GetStringAsync("/portal/sign-in");
        using var signedIn = await client.PostAsync("/portal/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = contact.Username, ["password"] = contact.Password,
            ["__antiforgery"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value),
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
