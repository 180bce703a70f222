using Npgsql;
using Ticketing.Api.KnowledgeBase.Rendering;
using Ticketing.Application.KnowledgeBase;
using Ticketing.Application.KnowledgeBase.Articles;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>An article as a contact reads it: sanitised HTML, never the Markdown source or the visibility lists.</summary>
public sealed record PortalArticle(
    Guid Id,
    string Title,
    string BodyHtml,
    IReadOnlyList<string> Keywords,
    string Language,
    Guid CategoryId,
    string CategoryName,
    Guid SectionId,
    string SectionName,
    IReadOnlyList<ArticleFile> Files,
    RatingSummary Rating,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The article of <c>GET /api/portal/kb/articles/{id}</c>: 404 for an article the caller may not see, as for one that does not exist.</summary>
public static class PortalArticlePage
{
    public static async Task<PortalArticle> LoadAsync(NpgsqlDataSource dataSource, Guid customerId, Guid contactId, Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = connection.Sql($"""
            select a.title, a.body_markdown, a.keywords, a.language, c.id, c.name, s.id, s.name, a.created_at, a.updated_at
            from kb_articles a
            join kb_sections s on s.id = a.section_id
            join kb_categories c on c.id = s.category_id
            where a.id = $2 and {PortalVisibility.ArticleVisible}
            """).With(customerId).With(id);
        PortalArticle article;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                throw KnowledgeBaseErrors.Article(id);
            }

            article = new PortalArticle(
                id, reader.GetString(0), ArticleRenderer.ToHtml(reader.GetString(1)), reader.GetFieldValue<string[]>(2), reader.GetString(3),
                reader.GetGuid(4), reader.GetString(5), reader.GetGuid(6), reader.GetString(7), [], new RatingSummary(0, 0, null),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9));
        }

        var (files, rating) = await ArticleParts.LoadAsync(connection, id, contactId, ct);
        return article with { Files = files, Rating = rating };
    }
}
