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
        await SubmitSignInAsync(page, login, password);
        await page.WaitForURLAsync(landing);
    }

    /// <summary>
    /// Fills and submits the sign-in form on the open sign-in page and waits until the portal has left it. In full CI
    /// runs (all test projects in parallel on two cores) the portal twice answered a correct sign-in with the sign-in
    /// page again, in 2 of 4 runs, never alone; the cause is not found yet. The form is then submitted once more, and if
    /// that fails too the test fails with the page's message, so the case stays visible.
    /// </summary>
    public static async Task SubmitSignInAsync(IPage page, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        string? firstAnswer = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await page.GetByLabel("Username or email").FillAsync(login);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/portal/sign-in", StringComparison.Ordinal), new() { Timeout = 20_000 });
                return;
            }
            catch (TimeoutException)
            {
                firstAnswer ??= await page.Locator("body").InnerTextAsync();
                if (!page.Url.Contains("/portal/sign-in", StringComparison.Ordinal))
                {
                    await page.GotoAsync("/portal/sign-in");
                }
            }
        }

        throw new ShouldAssertException($"Signing in as {login} left the portal on the sign-in page twice; it said: {firstAnswer}");
    }
}
