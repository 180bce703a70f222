using Ticketing.Api.KnowledgeBase.Rendering;
using Ticketing.Application.KnowledgeBase.Articles;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>An article as the authoring API returns it: the Markdown source and the sanitised HTML preview.</summary>
public sealed record ArticleResponse(
    Guid Id,
    Guid SectionId,
    Guid CategoryId,
    string Title,
    string BodyMarkdown,
    string BodyHtml,
    IReadOnlyList<string> Keywords,
    string Language,
    bool Published,
    bool VisibleToAll,
    IReadOnlyList<Guid> CustomerIds,
    IReadOnlyList<ArticleFile> Files,
    RatingSummary Rating,
    int Version,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy)
{
    /// <summary>The stored article with its Markdown rendered to the sanitised HTML a browser is given.</summary>
    public static ArticleResponse From(StoredArticle stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (row, categoryId, files, rating) = stored;
        return new ArticleResponse(
            row.Id, row.SectionId, categoryId, row.Title, row.BodyMarkdown, ArticleRenderer.ToHtml(row.BodyMarkdown), row.Keywords,
            row.Language, row.Published, row.VisibleToAll, row.CustomerIds, files, rating, row.Version, row.CreatedAt, row.CreatedBy,
            row.UpdatedAt, row.UpdatedBy);
    }
}
