using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>
/// The one insert-or-update of an article row and its visibility list, shared by create and update. The searchable
/// text comes with the command (<see cref="ArticleContent.BodyText"/>), derived from the Markdown by the one renderer.
/// </summary>
internal static class ArticleWriter
{
    public static async Task UpsertAsync(NpgsqlConnection connection, ArticleRow article, string bodyText, CancellationToken ct)
    {
        await using var upsert = connection.Sql("""
            insert into kb_articles (id, section_id, title, body_markdown, body_text, keywords, language, published, visible_to_all,
                                     version, created_at, created_by, updated_at, updated_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            on conflict (id) do update set
                section_id = excluded.section_id, title = excluded.title, body_markdown = excluded.body_markdown,
                body_text = excluded.body_text, keywords = excluded.keywords, language = excluded.language,
                published = excluded.published, visible_to_all = excluded.visible_to_all, version = excluded.version,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
            .With(article.Id).With(article.SectionId).With(article.Title).With(article.BodyMarkdown).With(bodyText)
            .With(article.Keywords.ToArray()).With(article.Language).With(article.Published).With(article.VisibleToAll)
            .With(article.Version).With(article.CreatedAt).With(article.CreatedBy).With(article.UpdatedAt).With(article.UpdatedBy);
        await upsert.ExecuteNonQueryAsync(ct);
        await VisibilityLists.ReplaceArticleCustomersAsync(connection, article.Id, article.CustomerIds, ct);
    }
}
