using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Ticketing.Application.Identity;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// P10 and the MSP's branding in the browser: a contact's own language by default, every portal language on the switch
/// (Hebrew right to left), dates in the contact's time zone and culture; then axe finds no serious or critical
/// accessibility violation on any main page.
/// </summary>
public sealed class LanguageAndAccessibilityWalk(PortalHost host, BrowserFixture browser)
{
    public async Task LanguagesAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Wingtip");
        var camille = await office.ContactAsync(customer, "Camille", "Langue", language: "fr");
        var ticket = await office.TicketAsync(customer, camille.ContactId, "Imprimante hors ligne");
        await office.PublicReplyAsync(ticket, "Nous regardons.");

        // The browser asks for English; the contact's own language (French) wins after sign-in.
        var page = await browser.NewPageAsync(host, locale: "en-GB");
        await page.GotoAsync("/portal/sign-in");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await PortalPages.SubmitSignInAsync(page, camille.Username, camille.Password);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tickets");

        // The brand of the portal settings: name in the header, accent colour through the theme style sheet.
        await Assertions.Expect(page.Locator("header .brand")).ToContainTextAsync(PortalHost.MspName);
        (await page.Locator("header.top").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")).ShouldBe("rgb(11, 110, 79)");

        // Dates in the contact's time zone (Europe/Paris) and culture.
        await page.GetByRole(AriaRole.Link, new() { Name = "Imprimante hors ligne" }).ClickAsync();
        await PortalPages.ShowsContactTimeAsync(page.Locator("#timeline"), "fr");

        // Every portal language is on the switch; Hebrew turns the layout right to left.
        foreach (var language in PortalLanguages.Supported)
        {
            await page.Locator("footer a.language").ClickAsync();
            await page.Locator("#display-language").SelectOptionAsync(language);
            await page.Locator("form.language-choice button").ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "he" ? "rtl" : "ltr");
            page.Url.ShouldContain($"/portal/tickets/{ticket}", customMessage: "the switch returns to the page it was used on");
            if (language == "he")
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "יציאה" })).ToBeVisibleAsync();
                await page.GotoAsync("/portal/tickets");
                await Screenshots.SaveAsync(page, "ticket-list-hebrew");
                await page.GotoAsync($"/portal/tickets/{ticket}");
            }
        }

        await page.Context.CloseAsync();
    }

    /// <summary>No serious or critical axe violation on the main pages, and signing in works from the keyboard alone.</summary>
    public async Task AccessibilityAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Fourth Coffee");
        var robin = await office.ContactAsync(customer, "Robin", "Axe", primary: true);
        var ticket = await office.TicketAsync(customer, robin.ContactId, "Coffee machine leaks", new { priority = "high" });
        await office.PublicReplyAsync(ticket, "A technician is on the way.");
        var article = await office.ArticleAsync("Kitchen", "Coffee", "Descaling the coffee machine", "Run the **descale** programme once a month.");

        var page = await browser.NewPageAsync(host, bypassCsp: true);
        var failures = new List<string>();
        await CheckAsync("/portal/sign-in");
        await CheckAsync("/portal/forgot-password");

        // Keyboard only: the skip link comes first, then the brand, the two fields, and Enter signs in.
        await page.GotoAsync("/portal/sign-in");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.className")).ShouldBe("skip");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(robin.Username);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(robin.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/portal/tickets");
        foreach (var url in new[]
        {
            "/portal/tickets", $"/portal/tickets/{ticket}", "/portal/tickets/new", "/portal/kb", "/portal/kb/search?q=descale",
            $"/portal/kb/articles/{article}", "/portal/profile", "/portal/language?returnUrl=/portal/tickets", "/portal/sign-out",
        })
        {
            await CheckAsync(url);
        }

        failures.ShouldBeEmpty(string.Join('\n', failures));
        await page.Context.CloseAsync();

        async Task CheckAsync(string url)
        {
            await page.GotoAsync(url);
            var result = await page.RunAxe();
            failures.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{url}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }
    }
}
