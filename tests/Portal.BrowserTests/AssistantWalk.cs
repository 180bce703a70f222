using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ticketing.Portal.BrowserTests.Infrastructure;
using static Ticketing.Portal.BrowserTests.Infrastructure.PortalPages;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// P12 in the browser: with the assistant switched on, a contact starts a conversation, is answered with the article
/// that matches (its snippet highlighted, its link to the knowledge base), and opens a ticket for a technician from the
/// chat; switched off, the navigation has no assistant and its page sends the contact home.
/// </summary>
public sealed partial class AssistantWalk(PortalHost host, BrowserFixture browser)
{
    public async Task RunAsync()
    {
        var office = new BackOffice(host);
        var kim = await office.ContactAsync(await office.CustomerAsync("Fabrikam"), "Kim", "Chat");
        await office.ArticleAsync("Printing", "Printers", "Clearing a paper jam", "Open the **printer** tray and remove the jammed paper.");
        var page = await browser.NewPageAsync(host);
        await SignInAsync(page, kim.Email, kim.Password);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Assistant" }).CountAsync()).ShouldBe(0, "the assistant is off until an admin switches it on");

        await office.WithPortalSettingAsync("assistantEnabled", true, async () =>
        {
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Assistant" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/portal/assistant\?c=[0-9a-f-]{36}$"));
            await page.GetByLabel("Message").FillAsync("The printer has a paper jam");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Clearing a paper jam" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".snippet mark").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("The printer has a paper jam")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Open a ticket for a technician" }).ClickAsync();
            await Assertions.Expect(page.GetByText("A ticket was opened for a technician.")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Open the ticket" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/portal/tickets/[0-9a-f-]{36}$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Assistant chat with Kim Chat");
        });

        await page.GotoAsync($"{host.BaseAddress}portal/assistant");
        await page.WaitForURLAsync(new Regex(@"/portal\?unavailable=true$|/portal/tickets$"));
        (await page.GetByRole(AriaRole.Link, new() { Name = "Assistant" }).CountAsync()).ShouldBe(0);
    }
}
