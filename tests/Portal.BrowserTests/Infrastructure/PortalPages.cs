using Microsoft.Playwright;

namespace Ticketing.Portal.BrowserTests.Infrastructure;

/// <summary>Steps every walk takes the same way.</summary>
public static class PortalPages
{
    /// <summary>Signs in on the sign-in page and waits for the page the portal lands on (the tickets unless told).</summary>
    public static async Task SignInAsync(IPage page, string login, string password, string landing = "**/portal/tickets")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/portal/sign-in");
        await page.GetByLabel("Username or email").FillAsync(login);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(landing);
    }
}
