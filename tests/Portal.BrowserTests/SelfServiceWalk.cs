using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ticketing.Portal.BrowserTests.Infrastructure;
using static Ticketing.Portal.BrowserTests.Infrastructure.PortalPages;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// A contact helps themselves: opens a ticket with the mandatory fields (P5), searches the knowledge base, reads an
/// article and rates it (P7), edits the profile and changes the password (P8), forgets it and resets it by the mailed
/// code (P9). A second pair of contacts sees only the sections switched on for their company (P11).
/// </summary>
public sealed partial class SelfServiceWalk(PortalHost host, BrowserFixture browser, bool screenshots)
{
    public async Task RunAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Litware");
        var dana = await office.ContactAsync(customer, "Dana", "Self");
        await office.ArticleAsync("Network", "VPN", "Resetting the VPN client", "Open the **VPN** client, choose *Reset* and sign in again.");

        var page = await browser.NewPageAsync(host);
        await SignInAsync(page, dana.Email, dana.Password);

        // P5: the priority is mandatory on new tickets here, and the form says so.
        await page.GetByRole(AriaRole.Link, new() { Name = "New ticket" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Priority *")).ToBeVisibleAsync();
        (await page.GetByLabel("Impact").CountAsync()).ShouldBe(0, "a hidden field is no input of the form");
        await page.GetByLabel("Title *").FillAsync("Cannot reach the file server");
        await page.GetByLabel("Description").FillAsync("Since the update this morning.");
        await page.GetByLabel("Priority *").FillAsync("high");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "new-ticket");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/portal/tickets/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Cannot reach the file server");

        // P7: the knowledge base, its search with highlighted matches, an article and "was this helpful".
        await page.GetByRole(AriaRole.Link, new() { Name = "Knowledge base" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Network" })).ToBeVisibleAsync();
        await page.GetByLabel("Search the knowledge base").FillAsync("vpn reset");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator(".snippet mark").First).ToBeVisibleAsync();
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "knowledge-base-search");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Resetting the VPN client" }).ClickAsync();
        await Assertions.Expect(page.Locator("article strong")).ToHaveTextAsync("VPN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you for your feedback.");
        await Assertions.Expect(page.Locator("#rating")).ToContainTextAsync("1 found this helpful, 0 did not.");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "knowledge-base-article");
        }

        // P8: the profile, then the password; the new password signs in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await page.GetByLabel("Phone").FillAsync("+33 1 23 45 67 89");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile was saved.");
        await Assertions.Expect(page.GetByLabel("Phone")).ToHaveValueAsync("+33 1 23 45 67 89");
        await page.GetByLabel("Current password").FillAsync("not-my-password-1");
        await page.GetByLabel("New password").FillAsync("Changed-Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await page.GetByLabel("Current password").FillAsync(dana.Password);
        await page.GetByLabel("New password").FillAsync("Changed-Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password was changed.");
        await PortalPages.SignOutAsync(page);
        await SignInAsync(page, dana.Username, "Changed-Passw0rd!");
        await PortalPages.SignOutAsync(page);

        // P9: forgotten, then reset by the mailed code.
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Username or email").FillAsync(dana.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mail me a code" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Enter the code" }).ClickAsync();
        await page.GetByLabel("Code from the mail").FillAsync(await office.ResetCodeAsync(dana.Email));
        await page.GetByLabel("New password").FillAsync("Reset-Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password was reset.");
        await SignInAsync(page, dana.Email, "Reset-Passw0rd!");
        await page.Context.CloseAsync();
    }

    /// <summary>P11: a company without the knowledge base, and one without tickets, see only their own section.</summary>
    public async Task SectionsAsync()
    {
        var office = new BackOffice(host);
        var ticketsOnly = await office.ContactAsync(await office.CustomerAsync("Proseware", knowledgeBase: false), "Tom", "Tickets");
        var knowledgeOnly = await office.ContactAsync(await office.CustomerAsync("Adatum", ticketing: false), "Kay", "Knowledge");

        var page = await browser.NewPageAsync(host);
        await SignInAsync(page, ticketsOnly.Username, ticketsOnly.Password);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Knowledge base" }).CountAsync()).ShouldBe(0);
        await page.GotoAsync("/portal/kb");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("not available");
        await page.Context.CloseAsync();

        page = await browser.NewPageAsync(host);
        await SignInAsync(page, knowledgeOnly.Username, knowledgeOnly.Password, landing: "**/portal/kb");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Tickets" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Link, new() { Name = "New ticket" }).CountAsync()).ShouldBe(0);
        await page.GotoAsync("/portal/tickets");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("not available");
        await page.Context.CloseAsync();
    }

    /// <summary>P2 paging over the list page, and P5: with manual creation off, no new-ticket link and no form.</summary>
    public async Task PagingAndManualCreationAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Margie's Travel");
        var lee = await office.ContactAsync(customer, "Lee", "Many");
        for (var i = 1; i <= 21; i++)
        {
            await office.TicketAsync(customer, lee.ContactId, $"Request {i:00}");
        }

        var page = await browser.NewPageAsync(host);
        await SignInAsync(page, lee.Username, lee.Password);
        var first = await MainWalk.TitlesAsync(page);
        first.Count.ShouldBe(20);
        first[0].ShouldBe("Request 21");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        (await MainWalk.TitlesAsync(page)).ShouldBe(["Request 01"]);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).CountAsync()).ShouldBe(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        (await MainWalk.TitlesAsync(page)).ShouldBe(first);

        await office.WithPortalSettingAsync("manualCreationEnabled", false, async () =>
        {
            await page.ReloadAsync();
            (await page.GetByRole(AriaRole.Link, new() { Name = "New ticket" }).CountAsync()).ShouldBe(0);
            await page.GotoAsync("/portal/tickets/new");
            page.Url.ShouldEndWith("/portal/tickets");
        });
        await page.ReloadAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "New ticket" }).CountAsync()).ShouldBe(1);
        await page.Context.CloseAsync();
    }
}
