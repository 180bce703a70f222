using Npgsql;
using Ticketing.Application.KnowledgeBase.Articles;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Ratings;

/// <summary>
/// A contact rates an article helpful or not (one rating per contact; rating again replaces it). The visibility check
/// and the write are one statement: an article the contact's customer may not read is 404, as one that does not exist.
/// </summary>
public sealed record RateArticle(Guid ArticleId, Guid CustomerId, Guid ContactId, bool Helpful);

public static class RateArticleHandler
{
    public static async Task<RatingSummary> Handle(RateArticle command, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var (id, customerId, contactId, helpful) = command;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var upsert = connection.Sql($"""
            insert into kb_article_ratings (article_id, contact_id, helpful, rated_at)
            select a.id, $3, $4, $5
            from kb_articles a
            join kb_sections s on s.id = a.section_id
            join kb_categories c on c.id = s.category_id
            where a.id = $2 and {ArticleVisibility.ToCustomer}
            on conflict (article_id, contact_id) do update set helpful = excluded.helpful, rated_at = excluded.rated_at
            """).With(customerId).With(id).With(contactId).With(helpful).With(clock.GetUtcNow());
        if (await upsert.ExecuteNonQueryAsync(ct) == 0)
        {
            throw KnowledgeBaseErrors.Article(id);
        }

        var (_, rating) = await ArticleParts.LoadAsync(connection, id, contactId, ct);
        return rating;
    }
}
