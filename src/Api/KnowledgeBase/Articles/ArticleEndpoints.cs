using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.KnowledgeBase;
using Ticketing.Application.KnowledgeBase.Articles;
using Wolverine;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>
/// <c>/api/kb/articles</c>: one article (Markdown and its sanitised HTML), and its create, replace (a new section id
/// moves it; <c>If-Match</c> optional) and delete commands.
/// </summary>
public static class ArticleEndpoints
{
    public static async Task<Ok<ArticleResponse>> GetAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var article = ArticleResponse.From(await StoredArticle.LoadAsync(connection, id, ct) ?? throw KnowledgeBaseErrors.Article(id));
        http.Response.Headers.ETag = EntityVersions.ETag(article.Version);
        return TypedResults.Ok(article);
    }

    public static async Task<Created<ArticleResponse>> CreateAsync(ArticleRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var article = ArticleResponse.From(await bus.InvokeAsync<StoredArticle>(new CreateArticle(request.ToContent(), http.User.GetCurrentUser()), ct));
        return TypedResults.Created($"/api/kb/articles/{article.Id}", article);
    }

    public static async Task<Ok<ArticleResponse>> UpdateAsync(Guid id, ArticleRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var article = ArticleResponse.From(await bus.InvokeAsync<StoredArticle>(
            new UpdateArticle(id, request.ToContent(), http.User.GetCurrentUser(), http.Request.Headers.IfMatch.ToString()), ct));
        http.Response.Headers.ETag = EntityVersions.ETag(article.Version);
        return TypedResults.Ok(article);
    }

    public static async Task<NoContent> DeleteAsync(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new DeleteArticle(id, http.User.GetCurrentUser(), http.Request.Headers.IfMatch.ToString()), ct);
        return TypedResults.NoContent();
    }
}
