using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Ratings;

/// <summary>
/// A contact withdraws their rating. Idempotent on an article the contact may read (with or without a rating), and
/// the same 404 as rating on one they may not, so a guessed id of another customer's article answers like a missing one.
/// </summary>
public sealed record WithdrawArticleRating(Guid ArticleId, Guid CustomerId, Guid ContactId);

public static class WithdrawArticleRatingHandler
{
    public static async Task Handle(WithdrawArticleRating command, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (id, customerId, contactId) = command;
        await using var delete = dataSource.CreateCommand($"""
            with visible as (
                select a.id from kb_articles a
                join kb_sections s on s.id = a.section_id
                join kb_categories c on c.id = s.category_id
                where a.id = $2 and {ArticleVisibility.ToCustomer}
            ), withdrawn as (
                delete from kb_article_ratings r using visible v where r.article_id = v.id and r.contact_id = $3
            )
            select count(*) from visible
            """).With(customerId).With(id).With(contactId);
        if (await delete.ExecuteScalarAsync(ct) is not > 0L)
        {
            throw KnowledgeBaseErrors.Article(id);
        }
    }
}
