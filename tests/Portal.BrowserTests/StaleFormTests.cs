using System.Net;
using System.Text.RegularExpressions;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// Lost updates on the ticket page's forms, at the HTTP level as two tabs of one signed-in contact: each form carries
/// the ticket's version it was shown at, which reaches the API's code as its If-Match precondition; a form shown before
/// another change is refused (412) with a "changed meanwhile, reload" message and writes nothing.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class StaleFormTests(PortalHost host)
{
    [Fact]
    public async Task A_change_or_reply_from_a_form_shown_before_another_change_is_refused_as_stale_and_writes_nothing()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Fabrikam");
        var contact = await office.ContactAsync(customer, "Kim", "Tabs");
        var ticket = await office.TicketAsync(customer, contact.ContactId, "Scanner sends empty mails", new { priority = "low" });
        using var client = await SignedInClientAsync(contact);
        var page = $"/portal/tickets/{ticket}";

        // Two tabs show the ticket at the same version; the signed-in page carries the MSP's name from the request's settings.
        var first = await client.GetStringAsync(page);
        var second = await client.GetStringAsync(page);
        first.ShouldContain(PortalHost.MspName);
        var shown = Version(first);
        Version(second).ShouldBe(shown);

        using (var saved = await PostAsync(client, page, "Edit", first, ("priority", "high")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var afterChange = await client.GetStringAsync(page);
        var current = Version(afterChange);
        current.ShouldBeGreaterThan(shown);

        // The second tab's change and reply are refused: the page says the ticket changed and offers to reload it.
        using (var stale = await PostAsync(client, page, "Edit", second, ("priority", "medium")))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            var html = await stale.Content.ReadAsStringAsync();
            html.ShouldContain("The ticket has changed in the meantime.");
            html.ShouldContain($"<a href=\"{page}\">Reload the ticket to see the changes, then try again.</a>");
        }

        using (var stale = await PostAsync(client, page, "Reply", second, ("body", "Sent from an old tab")))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            var html = await stale.Content.ReadAsStringAsync();
            html.ShouldContain("The ticket has changed in the meantime.");
            html.ShouldContain("Sent from an old tab", customMessage: "the typed reply is kept in the form");
        }

        // Nothing was written: same version, the first tab's priority, no reply.
        var now = await client.GetStringAsync(page);
        Version(now).ShouldBe(current);
        now.ShouldContain("<dd>high</dd>");
        now.ShouldNotContain("<dd>medium</dd>");
        now.ShouldNotContain("Sent from an old tab");

        // A form shown at the current version goes through.
        using var fresh = await PostAsync(client, page, "Reply", now, ("body", "Sent from a fresh tab"));
        fresh.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(page)).ShouldContain("Sent from a fresh tab");
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
            ["login"] = contact.Username, ["password"] = contact.Password, ["__antiforgery"] = Token(html),
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>Submits the form of <paramref name="handler"/> as the page <paramref name="html"/> showed it: its token and version, and the fields given.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, string html, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(Token(html)), "__antiforgery" },
            { new StringContent(Version(html).ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return client.PostAsync($"{page}?handler={handler}", form);
    }

    private static long Version(string html) =>
        long.Parse(VersionField().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
