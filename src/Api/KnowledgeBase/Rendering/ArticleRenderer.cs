using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;

namespace Ticketing.Api.KnowledgeBase.Rendering;

/// <summary>An article body as the portal shows it (sanitised HTML) and as search indexes it (its text).</summary>
public sealed record RenderedBody(string Html, string Text);

/// <summary>
/// Markdown to HTML with Markdig, then through <see cref="ArticleHtmlPolicy"/>. The searchable text is taken
/// from the sanitised HTML, so removed content (a script's source, a URL) is neither indexed nor quoted.
/// </summary>
public static class ArticleRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseFigures()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlParser Parser = new();

    public static string ToHtml(string markdown) =>
        ArticleHtmlPolicy.Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    public static RenderedBody Render(string markdown)
    {
        var html = ToHtml(markdown);
        return new RenderedBody(html, TextOf(html));
    }

    /// <summary>Text nodes joined by spaces: block boundaries must stay word boundaries for the tokenizer.</summary>
    private static string TextOf(string html)
    {
        using var document = Parser.ParseDocument($"<body>{html}</body>");
        var words = document.Body!.Descendants<IText>()
            .SelectMany(t => t.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.Join(' ', words);
    }
}
