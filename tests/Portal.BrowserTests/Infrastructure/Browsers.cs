using Microsoft.Playwright;

namespace Ticketing.Portal.BrowserTests.Infrastructure;

/// <summary>
/// A headless browser of the machine's Debian packages (Playwright downloads none here): Chromium started from its real
/// binary, not the <c>/usr/bin/chromium</c> wrapper script, with the sandbox off (it refuses to start as root otherwise);
/// Firefox ESR through Playwright's stock-Firefox channel. One browser per test class; a fresh context per walk.
/// </summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public abstract string Name { get; }

    protected abstract Task<IBrowser> LaunchAsync(IPlaywright playwright);

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>A new, empty browser profile (no cookies) on the portal's origin, in English unless told.</summary>
    /// <param name="host">The API host whose portal the page opens.</param>
    /// <param name="locale">The browser's language (its <c>Accept-Language</c>).</param>
    /// <param name="bypassCsp">For the accessibility check only: axe runs as a script the portal's policy forbids.</param>
    public async Task<IPage> NewPageAsync(PortalHost host, string locale = "en-GB", bool bypassCsp = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            BypassCSP = bypassCsp,
        });
        // Generous: in CI the browser shares two cores with the other test projects (the API tests, the crash tests'
        // SIGKILLed nodes) and their databases; one sign-in there once took longer than 30 s while it takes ~1 s alone.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

public sealed class ChromiumFixture : BrowserFixture
{
    public const string Executable = "/usr/lib/chromium/chromium";

    public override string Name => "chromium";

    protected override Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Executable,
        Headless = true,
        ChromiumSandbox = false,
        Args = ["--no-sandbox"],
    });
}

public sealed class FirefoxFixture : BrowserFixture
{
    public const string Executable = "/usr/lib/firefox-esr/firefox-esr";

    public override string Name => "firefox";

    protected override Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Firefox.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Executable,
        Channel = "moz-firefox",
        Headless = true,
    });
}
