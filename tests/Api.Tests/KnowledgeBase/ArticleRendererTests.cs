using Ticketing.Api.KnowledgeBase.Rendering;
using Ticketing.Api.KnowledgeBase.Search;

namespace Ticketing.Api.Tests.KnowledgeBase;

/// <summary>The allow-list on hostile article bodies; pure, no host.</summary>
public sealed class ArticleRendererTests
{
    [Theory]
    [InlineData("Before <script>alert('x')</script> after", "<script")]
    [InlineData("<img src=\"https://cdn.example/a.png\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<p onclick=\"steal()\" onmouseover=\"steal()\">Hover</p>", "steal")]
    [InlineData("[Click](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>", "alert")]
    [InlineData("<a href=\"  javascript:alert(1)\">x</a>", "alert")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "data:")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "iframe")]
    [InlineData("<style>body { display: none }</style>Text", "display")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>", "style")]
    [InlineData("<svg><script>alert(1)</script></svg>", "alert")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">", "swf")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"p\"></form>", "form")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "alert")]
    public void Hostile_markup_is_removed(string markdown, string forbidden)
    {
        var html = ArticleRenderer.ToHtml(markdown);

        html.ShouldNotContain(forbidden, Case.Insensitive);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_structure_and_safe_links()
    {
        var html = ArticleRenderer.ToHtml("""
            # Reset the printer

            1. Open **Settings**
            2. Run `lpstat -p`

            | Step | Result |
            | ---- | ------ |
            | one  | ok     |

            See [the guide](https://help.example/printers) or <mailto:support@msp.example>.
            ![diagram](https://cdn.example/diagram.png)
            """);

        html.ShouldContain("<h1");
        html.ShouldContain("<ol>");
        html.ShouldContain("<strong>Settings</strong>");
        html.ShouldContain("<code>lpstat -p</code>");
        html.ShouldContain("<table>");
        html.ShouldContain("<a href=\"https://help.example/printers\" rel=\"noopener noreferrer nofollow\">the guide</a>");
        html.ShouldContain("href=\"mailto:support@msp.example\"");
        html.ShouldContain("<img src=\"https://cdn.example/diagram.png\" alt=\"diagram\">");
    }

    [Fact]
    public void Searchable_text_has_the_words_but_no_markup_urls_or_removed_script()
    {
        var body = ArticleRenderer.Render("# Printer\nRestart the *spooler*.<script>secretPayload()</script>\n\n[Guide](https://help.example/x)");

        body.Text.ShouldBe("Printer Restart the spooler . Guide");
        body.Text.ShouldNotContain("secretPayload");
        body.Text.ShouldNotContain("help.example");
    }

    [Fact]
    public void Snippets_encode_the_article_text_and_only_the_markers_become_mark_tags()
    {
        var html = Snippets.ToHtml($"a <b> & {Snippets.Start}printer{Snippets.Stop} \"x\" {Snippets.Start}<img onerror=x>");

        html.ShouldBe("a &lt;b&gt; &amp; <mark>printer</mark> &quot;x&quot; <mark>&lt;img onerror=x&gt;</mark>");
    }
}
