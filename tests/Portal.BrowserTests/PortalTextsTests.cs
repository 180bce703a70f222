using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Ticketing.Api.Portal.Web;
using Ticketing.Application.Identity;
using Ticketing.Portal.BrowserTests.Infrastructure;

namespace Ticketing.Portal.BrowserTests;

/// <summary>P10: every text the pages ask for (<c>T["..."]</c>) has its entry in the resource file of every portal language.</summary>
public sealed partial class PortalTextsTests
{
    [Fact]
    public void Every_text_of_the_pages_is_translated_into_every_portal_language()
    {
        var folder = Path.Combine(Screenshots.RepositoryRoot(), "src", "Api", "Portal", "Web");
        var keys = Directory.GetFiles(folder, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(file => TextKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        keys.Count.ShouldBeGreaterThan(100);

        var resources = new ResourceManager(typeof(PortalPageTexts).FullName!, typeof(PortalPageTexts).Assembly);
        var missing = new List<string>();
        foreach (var language in PortalLanguages.Supported)
        {
            var set = resources.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: language == "en");
            set.ShouldNotBeNull($"the resource file of '{language}'");
            missing.AddRange(keys.Where(k => string.IsNullOrWhiteSpace(set.GetString(k))).Select(k => $"{language}: {k}"));
        }

        missing.ShouldBeEmpty(string.Join('\n', missing));
    }

    [GeneratedRegex(@"\b(?:T|texts)\[""([^""]+)""")]
    private static partial Regex TextKey();
}
