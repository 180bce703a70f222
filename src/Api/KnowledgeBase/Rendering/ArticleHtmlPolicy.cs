using Ganss.Xss;

namespace Ticketing.Api.KnowledgeBase.Rendering;

/// <summary>
/// The allow-list that article HTML passes through before it reaches a browser. Article bodies may hold raw
/// HTML (technicians paste from other tools), so this list, not the Markdown renderer, is the security
/// boundary: anything not named here (script, style, iframe, object, form, on* handlers, style attributes,
/// javascript: and data: URLs) is removed. Built once: a configured sanitiser is safe to share.
/// </summary>
public static class ArticleHtmlPolicy
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp",
        "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "span", "div",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    ];

    private static readonly string[] Attributes = ["href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "id"];

    public static HtmlSanitizer Sanitizer { get; } = Create();

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });

        // Links leave the portal: no access to window.opener, no referrer, no ranking credit for pasted URLs.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
