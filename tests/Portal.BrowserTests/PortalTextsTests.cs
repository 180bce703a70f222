using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Ticketing.Api.Portal.Web;
using Ticketing.Application.Identity;
using Ticketing.Application.Portal;
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

    /// <summary>
    /// The API's texts that pages show (status names, refusals: <see cref="PortalTexts"/>) exist in every portal language,
    /// so a page in any of them shows no English. A text equal to the English one is listed here as the language's own word.
    /// </summary>
    [Fact]
    public void Every_API_text_a_page_shows_is_translated_into_every_portal_language()
    {
        PortalTexts.Languages.ShouldBe(PortalLanguages.Supported, ignoreOrder: true);
        var sameAsEnglish = new HashSet<string>(StringComparer.Ordinal) { "nl: status.open" };
        var keys = PortalTexts.Keys.ToArray();
        keys.ShouldContain("status.pending");
        keys.ShouldContain("ticket.billed_locked");
        var untranslated = new List<string>();
        foreach (var language in PortalLanguages.Supported.Where(l => l != "en"))
        {
            foreach (var key in keys)
            {
                var text = PortalTexts.Find(key, language);
                if (string.IsNullOrWhiteSpace(text) || (text == PortalTexts.Find(key, "en") && !sameAsEnglish.Contains($"{language}: {key}")))
                {
                    untranslated.Add($"{language}: {key}");
                }
            }
        }

        untranslated.ShouldBeEmpty(string.Join('\n', untranslated));
        PortalTexts.StatusName("pending", "Pending", "th").ShouldBe("รอดำเนินการ");
        PortalTexts.ProblemTitle("ticket.billed_locked", 409, "he").ShouldBe("פנייה זו חויבה ולא ניתן עוד לשנות אותה.");
    }

    /// <summary>P10: a language outside the portal's falls back to the client's first portal language, else English.</summary>
    [Fact]
    public void A_language_outside_the_portals_falls_back_to_the_clients_then_to_English()
    {
        PortalTexts.Choose("pt", ["it-IT", "en"]).ShouldBe("pt");
        PortalTexts.Choose("sv", ["sv-SE", "nl-BE", "en"]).ShouldBe("nl");
        PortalTexts.Choose("sv", ["fi"]).ShouldBe("en");
    }

    [GeneratedRegex(@"\b(?:T|texts)\[""([^""]+)""")]
    private static partial Regex TextKey();
}
