using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Ticketing.Portal.BrowserTests.Infrastructure;
using static Ticketing.Portal.BrowserTests.Infrastructure.PortalPages;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// P13 on the portal pages: with self-service off there is no "My devices"; on, a contact registers a phone, confirms
/// it with the code from the SMS, asks for a restart of their device and confirms it with the next code; the pages have
/// no serious or critical accessibility violation.
/// </summary>
public sealed partial class DeviceWalk(PortalHost host, BrowserFixture browser)
{
    private const string Phone = "+41791234567";

    public async Task RunAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Northwind");
        var sam = await office.ContactAsync(customer, "Sam", "Device");
        await office.DeviceAsync(customer, sam.ContactId, "Sam's laptop");

        var page = await browser.NewPageAsync(host);
        await SignInAsync(page, sam.Email, sam.Password);
        (await page.GetByRole(AriaRole.Link, new() { Name = "My devices" }).CountAsync()).ShouldBe(0, "self-service is off until the admin turns it on");
        await page.GotoAsync("/portal/devices");
        await page.WaitForURLAsync(new Regex(@"/portal\?unavailable=true$"));

        await office.WithPortalSettingAsync("selfServiceEnabled", JsonValue.Create(true), async () =>
        {
            await page.GotoAsync("/portal/tickets");
            await page.GetByRole(AriaRole.Link, new() { Name = "My devices" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My devices");

            // "Save and send code", then the code from the SMS: the number becomes the contact's.
            await page.GetByLabel("Phone number").FillAsync(Phone);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and send code" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"A code was sent by SMS to {Phone}");
            await page.GetByLabel("Code from the SMS").FillAsync("000000");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm number" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The code is not right.");
            await page.GetByLabel("Code from the SMS").FillAsync(await office.SmsCodeAsync(Phone));
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm number" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your phone number is confirmed.");
            await Assertions.Expect(page.Locator("#verified-phone")).ToContainTextAsync(Phone);

            // A restart of the laptop, confirmed by the next code: the page says it went to the device.
            await page.GetByRole(AriaRole.Link, new() { Name = "Sam's laptop" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"\?action=[0-9a-f-]{36}$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm with the SMS code" })).ToBeVisibleAsync();
            await page.GetByLabel("Code from the SMS").FillAsync(await office.SmsCodeAsync(Phone));
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm action" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed: the action was sent to the device.");
            await Assertions.Expect(page.Locator("#device-actions tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#device-actions tbody tr").First).ToContainTextAsync("Restart");
            await Assertions.Expect(page.Locator("#device-actions tbody tr").First).ToContainTextAsync("Sent to the device");
            await ShowsContactTimeAsync(page.Locator("#device-actions tbody tr").First);
        });

        await page.Context.CloseAsync();
    }

    /// <summary>No serious or critical axe violation on the device pages, the code forms shown (axe is a script: this context bypasses the CSP).</summary>
    public async Task AccessibilityAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Tailspin");
        var ari = await office.ContactAsync(customer, "Ari", "Axe");
        var device = await office.DeviceAsync(customer, ari.ContactId, "Ari's desktop");
        var phone = "+41797654321";

        await office.WithPortalSettingAsync("selfServiceEnabled", JsonValue.Create(true), async () =>
        {
            var page = await browser.NewPageAsync(host, bypassCsp: true);
            await SignInAsync(page, ari.Email, ari.Password);
            var failures = new List<string>();
            await CheckAsync("/portal/devices");
            await CheckAsync($"/portal/devices/{device}");
            await page.GotoAsync("/portal/devices");
            await page.GetByLabel("Phone number").FillAsync(phone);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and send code" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"\?sent="));
            await CheckAsync(page.Url);
            await page.GetByLabel("Code from the SMS").FillAsync(await office.SmsCodeAsync(phone));
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm number" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("done=phone"));
            await page.GotoAsync($"/portal/devices/{device}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"\?action="));
            await CheckAsync(page.Url);

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
        });
    }
}
