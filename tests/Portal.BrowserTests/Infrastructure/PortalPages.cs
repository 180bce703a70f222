using Microsoft.Playwright;

namespace Ticketing.Portal.BrowserTests.Infrastructure;

/// <summary>Steps every walk takes the same way.</summary>
public static class PortalPages
{
    /// <summary>Signs in on the sign-in page and waits for the page the portal lands on (the tickets unless told).</summary>
    public static async Task SignInAsync(IPage page, string login, string password, string landing = "**/portal/tickets")
    {
        ArgumentNullException.ThrowIfNull(page);
        await GoAsync(page, "/portal/sign-in");
        await SubmitSignInAsync(page, login, password);
        await ArriveAsync(page, landing);
    }

    /// <summary>Signs out as a contact does: the header's link to the sign-out page, then its button (ADR 0035).</summary>
    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("header a.sign-out").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    }

    /// <summary>
    /// Opens <paramref name="url"/> and returns once the browser has committed to its document; what the walk does next
    /// waits for its own elements. Firefox (WebDriver BiDi) once left a ticket page's load event unreported after the
    /// network was idle, so a wait for "load" timed out after 60 s (1 full CI run in 5, 2026-12-04).
    /// </summary>
    public static Task GoAsync(IPage page, string url) =>
        page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });

    /// <summary>Waits until the page is at a URL matching <paramref name="url"/> (a glob), committed as <see cref="GoAsync"/>.</summary>
    public static Task ArriveAsync(IPage page, string url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });

    /// <summary>Waits until the page is at a URL matching <paramref name="url"/>, committed as <see cref="GoAsync"/>.</summary>
    public static Task ArriveAsync(IPage page, System.Text.RegularExpressions.Regex url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });

    /// <summary>
    /// Fills and submits the sign-in form on the open sign-in page and waits until the portal has left it. In full CI
    /// runs (all test projects in parallel on two cores) the portal twice answered a correct sign-in with the sign-in
    /// page again, in 2 of 4 runs, never alone; the cause is not found yet. The form is then submitted once more, and if
    /// that fails too the test fails with what the first attempt saw: the status of the form's POST (302 signed in, 400
    /// antiforgery or validation, 401 credentials, 429 a rate limit, none while the server was still working), how long
    /// it took, where the page was and what it said, so the next occurrence tells which it was.
    /// </summary>
    public static async Task SubmitSignInAsync(IPage page, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        string? firstAnswer = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await page.GetByLabel("Username or email").FillAsync(login);
            await page.GetByLabel("Password").FillAsync(password);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int? status = null;
            void Record(object? sender, IResponse response)
            {
                if (response.Request.Method == "POST" && response.Url.Contains("/portal/sign-in", StringComparison.Ordinal))
                {
                    status ??= response.Status;
                }
            }

            page.Response += Record;
            try
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await page.WaitForURLAsync(
                    url => !url.Contains("/portal/sign-in", StringComparison.Ordinal), new() { Timeout = 20_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException)
            {
                firstAnswer ??= $"the POST answered {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing yet"} " +
                    $"({clock.Elapsed.TotalSeconds:0.0} s after the click), the page is at {page.Url} and says: " +
                    await page.Locator("body").InnerTextAsync();
                if (!page.Url.Contains("/portal/sign-in", StringComparison.Ordinal))
                {
                    await GoAsync(page, "/portal/sign-in");
                }
            }
            finally
            {
                page.Response -= Record;
            }
        }

        throw new ShouldAssertException($"Signing in as {login} left the portal on the sign-in page twice; the first time {firstAnswer}");
    }

    /// <summary>
    /// The first <c>time</c> element in <paramref name="scope"/> shows its instant in the contact's time zone (the test
    /// contacts live in Europe/Paris) and the page's culture.
    /// </summary>
    public static async Task ShowsContactTimeAsync(ILocator scope, string culture = "en")
    {
        ArgumentNullException.ThrowIfNull(scope);
        var stamp = scope.Locator("time").First;
        var instant = DateTimeOffset.Parse((await stamp.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
        var paris = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        (await stamp.InnerTextAsync()).ShouldBe(paris.ToString("g", System.Globalization.CultureInfo.GetCultureInfo(culture)));
    }
}
