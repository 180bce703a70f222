using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Files;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Application.Attachments;
using Ticketing.Application.KnowledgeBase.Articles;
using Ticketing.Application.KnowledgeBase.Ratings;
using Wolverine;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>
/// <c>/api/portal/kb</c> (contacts, P7): every endpoint first checks that the knowledge base is on for the caller's
/// customer (P11, 403 otherwise), then shows only what <see cref="PortalVisibility"/> admits; an article the caller may
/// not read is 404 everywhere, as one that does not exist. <c>PUT</c>/<c>DELETE .../rating</c> rate an article or
/// withdraw the rating (idempotent).
/// </summary>
public static class PortalKnowledgeBaseEndpoints
{
    public static async Task<Ok<IReadOnlyList<PortalCategory>>> TreeAsync(
        ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return TypedResults.Ok(await PortalTree.LoadAsync(dataSource, customerId, ct));
    }

    public static async Task<Ok<Page<PortalArticleListItem>>> SectionArticlesAsync(
        Guid id, string? after, int? limit, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return TypedResults.Ok(await PortalSectionArticles.LoadAsync(dataSource, customerId, id, after, limit, ct));
    }

    public static async Task<Ok<PortalArticle>> ArticleAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return TypedResults.Ok(await PortalArticlePage.LoadAsync(dataSource, customerId, user.GetCurrentUser().UserId, id, ct));
    }

    public static async Task<Ok<RatingSummary>> RateAsync(
        Guid id, RatingRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, IMessageBus bus, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        var rating = await bus.InvokeAsync<RatingSummary>(new RateArticle(id, customerId, user.GetCurrentUser().UserId, request.Helpful!.Value), ct);
        return TypedResults.Ok(rating);
    }

    public static async Task<NoContent> WithdrawRatingAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, IMessageBus bus, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        await bus.InvokeAsync(new WithdrawArticleRating(id, customerId, user.GetCurrentUser().UserId), ct);
        return TypedResults.NoContent();
    }

    public static async Task<FileStreamHttpResult> DownloadAsync(
        Guid id, Guid fileId, ClaimsPrincipal user, HttpResponse response, NpgsqlDataSource dataSource, SettingsDefaults defaults, IAttachmentStore store, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return await ArticleFileDownload.SendAsync(dataSource, store, response, id, fileId, PortalVisibility.ArticleVisible, customerId, ct);
    }

    public static async Task<Ok<Page<SearchHit>>> SearchAsync(
        [AsParameters] SearchParameters parameters, ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        var customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        return TypedResults.Ok(await ArticleSearch.SearchAsync(dataSource, PortalVisibility.ArticleVisible, customerId, parameters, ct));
    }
}
