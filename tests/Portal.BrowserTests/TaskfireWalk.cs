using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// A Taskfire user's walk (T10, ADR 0028): a customer's own IT person signs in on the same sign-in page as contacts,
/// lands on their Taskfire tickets, filters them, opens the copy the MSP handed over, adds a note with a file, changes
/// the status and the resource, opens a ticket of their own help desk, submits it to the MSP and deletes it; an MSP
/// internal note never reaches the HTML, and contacts and Taskfire users never reach each other's pages.
/// </summary>
public sealed partial class TaskfireWalk(PortalHost host, BrowserFixture browser, bool screenshots)
{
    public async Task RunAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Litware");
        var contact = await office.ContactAsync(customer, "Casey", "Contact");
        var tia = await office.TaskfireUserAsync(customer, "Tia", "Taskfire");
        var uma = await office.TaskfireUserAsync(customer, "Uma", "Second");
        var warm = await office.TicketAsync(customer, contact.ContactId, "Server room too warm", new { priority = "high" });
        await office.PublicReplyAsync(warm, "We are sending someone to look at the air conditioning.");
        await office.InternalNoteAsync(warm, "Customer owes us LEAK-MSP-INTERNAL-8c1");
        await office.HandToTaskfireAsync(warm, tia.UserId, "Please check the air conditioning on site.");
        var projector = await office.TicketAsync(customer, contact.ContactId, "Projector broken", new { priority = "low" });
        await office.HandToTaskfireAsync(projector, uma.UserId, "Meeting room B.");

        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/portal/sign-in");
        await PortalPages.SubmitSignInAsync(page, tia.Username, tia.Password);
        await page.WaitForURLAsync(TaskfireList());
        (await TitlesAsync(page)).ShouldBe(["Projector broken", "Server room too warm"]);

        // "Assigned to me" narrows to Tia's; the status filter offers the statuses by name.
        await page.GetByLabel("Show").SelectOptionAsync("mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        (await TitlesAsync(page)).ShouldBe(["Server room too warm"]);
        await page.GetByLabel("Status").SelectOptionAsync("resolved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No tickets match.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();

        // The copy: the handover note, the MSP's public reply, never its internal note.
        await page.GetByRole(AriaRole.Link, new() { Name = "Server room too warm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("We are sending someone to look at the air conditioning.");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Tia Taskfire");
        var copyUrl = page.Url;
        (await page.ContentAsync()).ShouldNotContain("LEAK-MSP-INTERNAL");

        // A note with a file, shown on the copy marked with the customer's side, and downloadable.
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("The AC unit shows fault F3.");
        await page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload
        {
            Name = "ac-fault.txt", MimeType = "text/plain", Buffer = "F3 compressor overheat"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("done=note"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your note was added.");
        var note = page.Locator("#timeline li", new() { HasText = "The AC unit shows fault F3." });
        await Assertions.Expect(note).ToContainTextAsync("Your IT team");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "ac-fault.txt" }).ClickAsync());
        (await File.ReadAllTextAsync(await download.PathAsync())).ShouldBe("F3 compressor overheat");

        // The copy's status.
        await page.GetByLabel("Status").SelectOptionAsync("pending");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The status was changed.");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Pending");
        if (screenshots)
        {
            await Screenshots.SaveAsync(page, "taskfire-ticket");
        }

        // Handing it to Uma: the copy names her now, and "assigned to me" no longer lists it for Tia.
        await page.GetByLabel("Assigned to").SelectOptionAsync(new SelectOptionValue { Label = "Uma Second" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The ticket was handed to another person.");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Uma Second");
        await page.GotoAsync("/portal/taskfire/tickets?scope=mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No tickets match.");

        // A ticket of their own help desk: opened, noted, submitted to the MSP with the note shared, then deleted.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "New ticket" }).ClickAsync();
        await page.GetByLabel("Title *").FillAsync("Printer toner low");
        await page.GetByLabel("Priority").FillAsync("low");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("done=created"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Printer toner low");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("Own help desk");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Toner ordered, delivery late.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("done=note"));

        // Submitting needs a note: an empty one is refused by the endpoint's validator and nothing changes.
        await page.GetByLabel("Toner ordered, delivery late.").CheckAsync();
        await page.Locator("#submit-note").EvaluateAsync("e => e.removeAttribute('required')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the MSP" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the MSP" }).CountAsync()).ShouldBe(1);

        await page.GetByLabel("Note for the MSP").FillAsync("We cannot get toner in time, please take over.");
        await page.GetByLabel("Toner ordered, delivery late.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the MSP" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The ticket was submitted to the MSP.");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("We cannot get toner in time, please take over.");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the MSP" }).CountAsync()).ShouldBe(0);

        // Deleting asks first, then deletes (both tickets of the pair, T10).
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("deletes the MSP's ticket too");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("deleted=true"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The ticket was deleted.");
        (await TitlesAsync(page)).ShouldNotContain("Printer toner low");

        // A refusal of the domain is the page's message and nothing is written: a billed MSP ticket locks deleting the pair.
        await office.BillAsync(projector);
        await page.GetByRole(AriaRole.Link, new() { Name = "Projector broken" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#refusal")).ToContainTextAsync("billed");
        await page.GotoAsync("/portal/taskfire/tickets");
        (await TitlesAsync(page)).ShouldContain("Projector broken");

        // Role separation: a Taskfire user asking for a contact's page is sent to their own list.
        await page.GotoAsync("/portal/tickets");
        await page.WaitForURLAsync(TaskfireList());
        (await page.ContentAsync()).ShouldNotContain("LEAK-MSP-INTERNAL");
        await page.GotoAsync(copyUrl);
        (await page.ContentAsync()).ShouldNotContain("LEAK-MSP-INTERNAL");
        await page.Context.CloseAsync();

        // ...and a contact asking for a Taskfire page is sent to theirs; a technician cannot sign in at all.
        var contactPage = await browser.NewPageAsync(host);
        await PortalPages.SignInAsync(contactPage, contact.Email, contact.Password);
        var response = await contactPage.GotoAsync(copyUrl);
        contactPage.Url.ShouldEndWith("/portal/tickets");
        (await contactPage.ContentAsync()).ShouldNotContain("Tia Taskfire");
        await contactPage.GotoAsync("/portal/taskfire/tickets");
        contactPage.Url.ShouldEndWith("/portal/tickets");
        response!.Ok.ShouldBeTrue();
        await contactPage.Context.CloseAsync();

        var technician = await office.TechnicianCredentialsAsync();
        var staffPage = await browser.NewPageAsync(host);
        await staffPage.GotoAsync("/portal/sign-in");
        await staffPage.GetByLabel("Username or email").FillAsync(technician.Username);
        await staffPage.GetByLabel("Password").FillAsync(technician.Password);
        await staffPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(staffPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password is wrong");
        await staffPage.Context.CloseAsync();
    }

    /// <summary>No serious or critical axe violation on the Taskfire user's pages (axe is a script: this context bypasses the CSP).</summary>
    public async Task AccessibilityAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Alpine Ski House");
        var contact = await office.ContactAsync(customer, "Ada", "Axe");
        var tia = await office.TaskfireUserAsync(customer, "Tom", "Taskfire");
        var ticket = await office.TicketAsync(customer, contact.ContactId, "Ski lift badge reader", new { priority = "high" });
        await office.PublicReplyAsync(ticket, "We will replace the reader.");
        await office.HandToTaskfireAsync(ticket, tia.UserId, "Please reboot it first.");

        var page = await browser.NewPageAsync(host, bypassCsp: true);
        await page.GotoAsync("/portal/sign-in");
        await PortalPages.SubmitSignInAsync(page, tia.Username, tia.Password);
        await page.WaitForURLAsync(TaskfireList());
        var failures = new List<string>();
        await CheckAsync("/portal/taskfire/tickets");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ski lift badge reader" }).ClickAsync();
        await CheckAsync(page.Url + "?confirm-delete=true");
        await CheckAsync("/portal/taskfire/tickets/new");
        await page.GetByLabel("Title *").FillAsync("Our own badge printer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("done=created"));
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Tried a new ribbon.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("done=note"));
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
    }

    private static async Task<IReadOnlyList<string>> TitlesAsync(IPage page) =>
        [.. (await page.Locator("table tbody tr td:nth-child(2) a").AllInnerTextsAsync()).Select(t => t.Trim())];

    [GeneratedRegex(@"/portal/taskfire/tickets$")]
    private static partial Regex TaskfireList();
}
