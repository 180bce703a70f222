using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Articles;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>The body of <c>PUT /api/portal/kb/articles/{id}/rating</c>.</summary>
public sealed record RatingRequest(bool? Helpful);

public sealed class RatingRequestValidator : AbstractValidator<RatingRequest>
{
    public RatingRequestValidator() => RuleFor(r => r.Helpful).NotNull().WithMessage("Say whether the article was helpful (true or false).");
}

/// <summary>
/// <c>PUT</c> rates an article helpful or not (one rating per contact; rating again replaces it) and
/// <c>DELETE</c> withdraws the rating. The visibility check and the write are one statement; an article the contact may
/// not read is 404 for both.
/// </summary>
public static class RateArticle
{
    public static async Task<Ok<RatingSummary>> RateAsync(
        Guid id, RatingRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, TimeProvider time, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        var contactId = user.GetCurrentUser().UserId;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var upsert = connection.Sql($"""
            insert into kb_article_ratings (article_id, contact_id, helpful, rated_at)
            select a.id, $3, $4, $5
            from kb_articles a
            join kb_sections s on s.id = a.section_id
            join kb_categories c on c.id = s.category_id
            where a.id = $2 and {PortalVisibility.ArticleVisible}
            on conflict (article_id, contact_id) do update set helpful = excluded.helpful, rated_at = excluded.rated_at
            """).With(customerId).With(id).With(contactId).With(request.Helpful!.Value).With(time.GetUtcNow());
        if (await upsert.ExecuteNonQueryAsync(ct) == 0)
        {
            throw KnowledgeBaseErrors.Article(id);
        }

        var (_, rating) = await ArticleParts.LoadAsync(connection, id, contactId, ct);
        return TypedResults.Ok(rating);
    }

    /// <summary>
    /// Withdrawing is idempotent on an article the contact may read (204 with or without a rating), and the same 404
    /// as rating on one they may not, so a guessed id of another customer's article answers like a missing one.
    /// </summary>
    public static async Task<NoContent> WithdrawAsync(Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        await using var delete = dataSource.CreateCommand($"""
            with visible as (
                select a.id from kb_articles a
                join kb_sections s on s.id = a.section_id
                join kb_categories c on c.id = s.category_id
                where a.id = $2 and {PortalVisibility.ArticleVisible}
            ), withdrawn as (
                delete from kb_article_ratings r using visible v where r.article_id = v.id and r.contact_id = $3
            )
            select count(*) from visible
            """).With(customerId).With(id).With(user.GetCurrentUser().UserId);
        if (await delete.ExecuteScalarAsync(ct) is not > 0L)
        {
            throw KnowledgeBaseErrors.Article(id);
        }

        return TypedResults.NoContent();
    }
}
