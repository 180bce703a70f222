using Microsoft.Playwright;

namespace Ticketing.Portal.BrowserTests.Infrastructure;

/// <summary>Saves full-page screenshots into the repository's <c>docs/screenshots</c>, which the README shows.</summary>
public static class Screenshots
{
    /// <summary>Saves the page once it has loaded with its style sheets (the walks wait for a navigation's commit only).</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder.Value, $"{name}.png"), FullPage = true });
    }

    /// <summary>The repository's root: the folder of <c>Ticketing.sln</c> above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ticketing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Ticketing.sln not found above the test binaries.");
    }

    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });
}
