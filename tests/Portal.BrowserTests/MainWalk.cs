using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// A primary contact's walk through the portal, in whichever browser runs it: signs in with the credentials of the
/// welcome mail, lists and filters the company's tickets, opens one, replies with a file and finds the reply and the
/// file in the timeline, changes the status and a field, is refused on a billed ticket, and signs out.
/// </summary>
public sealed partial class MainWalk(PortalHost host, BrowserFixture browser, bool screenshots)
{
    public async Task RunAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Contoso");
        var alex = await office.ContactAsync(customer, "Alex", "Primary", primary: true);
        var sam = await office.ContactAsync(customer, "Sam", "Colleague");
        var printer = await office.TicketAsync(customer, alex.ContactId, "Printer offline on floor 2", new { priority = "high" });
        await office.PublicReplyAsync(printer, "We are looking into the printer.");
        await office.TicketAsync(customer, sam.ContactId, "VPN drops every hour", new { priority = "low" });
        var invoice = await office.TicketAsync(customer, alex.ContactId, "Invoice question", new { priority = "low" });
        await office.BillAsync(invoice);
        var monitor = await office.TicketAsync(customer, alex.ContactId, "Monitor flickers", new { priority = "low" });

        var page = await browser.NewPageAsync(host);

        // The welcome mail's link is this node's portal (no portal URL is configured) and leads to the sign-in page; the
        // generated username signs in.
        new Uri(alex.PortalLink).ShouldBe(new Uri(host.BaseAddress, "/portal"));
        await PortalPages.GoAsync(page, alex.PortalLink);
        page.Url.ShouldContain("/portal/sign-in");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "sign-in");
        }

        await PortalPages.SubmitSignInAsync(page, alex.Username, alex.Password);
        await PortalPages.ArriveAsync(page, TicketList());

        // A primary contact sees the company's tickets, newest first; "My tickets" narrows to their own.
        await ShowsTitlesAsync(page, ["Monitor flickers", "Invoice question", "VPN drops every hour", "Printer offline on floor 2"]);
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "ticket-list");
        }

        await page.GetByLabel("Show").SelectOptionAsync("mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await ShowsTitlesAsync(page, ["Monitor flickers", "Invoice question", "Printer offline on floor 2"]);
        await page.GetByLabel("Priority").FillAsync("high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await ShowsTitlesAsync(page, ["Printer offline on floor 2"]);

        // The ticket page: details and the technician's public reply; then a reply with a file.
        await page.GetByRole(AriaRole.Link, new() { Name = "Printer offline on floor 2" }).ClickAsync();
        await PortalPages.ArriveAsync(page, $"**/portal/tickets/{printer}");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("We are looking into the printer.");
        await page.GetByLabel("Your message").FillAsync("It shows error E-42 since this morning.");
        await page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload
        {
            Name = "printer-log.txt", MimeType = "text/plain", Buffer = "E-42 paper path jam"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await PortalPages.ArriveAsync(page, new Regex("replied=true"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your reply was sent.");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("It shows error E-42 since this morning.");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "ticket");
        }

        // P6: the status and an editable field, changed on the page; the status change joins the public timeline.
        await page.GetByLabel("Status").SelectOptionAsync("pending");
        await page.GetByLabel("Priority").FillAsync("urgent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your changes were saved.");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Pending");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("urgent");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Status changed from Open to Pending.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "printer-log.txt" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("printer-log.txt");
        (await File.ReadAllTextAsync(await download.PathAsync())).ShouldBe("E-42 paper path jam");

        // A billed ticket says why it cannot be changed and offers no reply form.
        await PortalPages.GoAsync(page, $"/portal/tickets/{invoice}");
        await Assertions.Expect(page.Locator("#locked")).ToContainTextAsync("billed");
        await Assertions.Expect(page.Locator("footer.bottom")).ToBeAttachedAsync(); // the whole page is there: absence means absent
        (await page.GetByLabel("Your message").CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).CountAsync()).ShouldBe(0);
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "billed-ticket");
        }

        // A reply form opened before the ticket was billed carries the version it was shown at, so it is refused as stale
        // (the billing changed the ticket); the page shows the ticket as it is now, which says why it cannot be changed.
        await PortalPages.GoAsync(page, $"/portal/tickets/{monitor}");
        await page.GetByLabel("Your message").FillAsync("Still flickering.");
        await office.BillAsync(monitor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The ticket has changed in the meantime.");
        await Assertions.Expect(page.Locator("#locked")).ToContainTextAsync("billed");
        await Assertions.Expect(page.Locator("#timeline")).Not.ToContainTextAsync("Still flickering.");

        // Signing out ends the session: the list asks for a sign-in again.
        await PortalPages.SignOutAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have signed out.");
        await PortalPages.GoAsync(page, "/portal/tickets");
        page.Url.ShouldContain("/portal/sign-in");
        await page.Context.CloseAsync();
    }

    public static async Task<IReadOnlyList<string>> TitlesAsync(IPage page) =>
        [.. (await page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>Waits until the list shows exactly these titles, in this order (the page may still be arriving).</summary>
    public static Task ShowsTitlesAsync(IPage page, string[] titles) =>
        Assertions.Expect(page.Locator("table tbody tr td:nth-child(2)")).ToHaveTextAsync(titles);

    private static Regex TicketList() => TicketListPattern();

    [GeneratedRegex(@"/portal/tickets$")]
    private static partial Regex TicketListPattern();
}
