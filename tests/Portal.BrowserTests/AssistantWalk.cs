using System.Text.Json.Nodes;
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
            await ShowsContactTimeAsync(page.Locator("section[aria-labelledby=conversations-heading]"));

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

    /// <summary>
    /// P12 with P13: the answer offers the actions on the contact's own device; the one chosen in the chat is asked for
    /// through the assistant, waits for the SMS code (a wrong one runs nothing), and with the right one goes to the device.
    /// </summary>
    public async Task ActionFromTheChatAsync()
    {
        const string phone = "+41791112233";
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Wingtip");
        var lee = await office.ContactAsync(customer, "Lee", "Helper");
        await office.DeviceAsync(customer, lee.ContactId, "Lee's laptop");
        var page = await browser.NewPageAsync(host);
        await SignInAsync(page, lee.Email, lee.Password);

        await office.WithPortalSettingsAsync(
            new Dictionary<string, JsonNode?> { ["assistantEnabled"] = JsonValue.Create(true), ["selfServiceEnabled"] = JsonValue.Create(true) }, async () =>
            {
                await page.GotoAsync("/portal/devices");
                await page.GetByLabel("Phone number").FillAsync(phone);
                await page.GetByRole(AriaRole.Button, new() { Name = "Save and send code" }).ClickAsync();
                await page.GetByLabel("Code from the SMS").FillAsync(await office.SmsCodeAsync(phone));
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirm number" }).ClickAsync();
                await Assertions.Expect(page.Locator("#verified-phone")).ToContainTextAsync(phone);

                await page.GetByRole(AriaRole.Link, new() { Name = "Assistant" }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
                await page.GetByLabel("Message").FillAsync("My laptop hangs, please restart it");
                await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Restart · Lee's laptop" }).ClickAsync();
                await page.WaitForURLAsync(new Regex(@"&pending=[0-9a-f-]{36}#code$"));

                await page.GetByLabel("Code from the SMS").FillAsync("000000");
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirm action" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The code is not right.");
                await page.GetByLabel("Code from the SMS").FillAsync(await office.SmsCodeAsync(phone));
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirm action" }).ClickAsync();
                await Assertions.Expect(page.GetByText("Confirmed: the action was sent to the device.")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByText("with the SMS code; sent to the device.")).ToBeVisibleAsync();
            });

        await page.Context.CloseAsync();
    }
}
