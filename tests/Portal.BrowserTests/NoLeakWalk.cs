using Microsoft.Playwright;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>
/// P4 and P2 in the browser: a hidden field, a hidden custom field, an internal note, a colleague's ticket (for a
/// contact who is not primary) and another company's ticket never reach the HTML of any page the contact opens.
/// </summary>
public sealed class NoLeakWalk(PortalHost host, BrowserFixture browser)
{
    public async Task RunAsync()
    {
        var office = new BackOffice(host);
        var customer = await office.CustomerAsync("Fabrikam");
        var other = await office.CustomerAsync("Northwind");
        var robin = await office.ContactAsync(customer, "Robin", "Plain");
        var colleague = await office.ContactAsync(customer, "Kim", "Colleague");
        var stranger = await office.ContactAsync(other, "Lee", "Stranger");
        var own = await office.TicketAsync(customer, robin.ContactId, "Laptop battery swells", new
        {
            impact = "LEAK-IMPACT-51c", priority = "high", customFields = new Dictionary<string, string> { [PortalHost.HiddenCustomField] = "LEAK-COST-93a" },
        });
        await office.InternalNoteAsync(own, "Warranty expired LEAK-NOTE-27e");
        await office.PublicReplyAsync(own, "Please stop using the laptop.");
        var colleagues = await office.TicketAsync(customer, colleague.ContactId, "LEAK-COLLEAGUE-TITLE-6f0");
        var strangers = await office.TicketAsync(other, stranger.ContactId, "LEAK-OTHER-COMPANY-TITLE-d41");

        var page = await browser.NewPageAsync(host);
        await PortalPages.SignInAsync(page, robin.Email, robin.Password);
        (await MainWalk.TitlesAsync(page)).ShouldBe(["Laptop battery swells"]);
        var html = new List<string> { await page.ContentAsync() };

        await page.GetByRole(AriaRole.Link, new() { Name = "Laptop battery swells" }).ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Please stop using the laptop.");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("high");
        html.Add(await page.ContentAsync());

        foreach (var hidden in new[] { colleagues, strangers, Guid.NewGuid() })
        {
            var response = await page.GotoAsync($"/portal/tickets/{hidden}");
            response!.Status.ShouldBe(404);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ticket not found");
            html.Add(await page.ContentAsync());
        }

        var all = string.Join('\n', html);
        foreach (var marker in new[] { "LEAK-IMPACT", "LEAK-COST", "LEAK-NOTE", "LEAK-COLLEAGUE", "LEAK-OTHER-COMPANY", "Internal cost", "Impact" })
        {
            all.ShouldNotContain(marker, Case.Insensitive);
        }

        await page.Context.CloseAsync();
    }
}
