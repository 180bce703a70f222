using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary><c>PUT /api/kb/articles/{id}</c>: replaces the article; <c>If-Match</c> (optional) guards lost updates.</summary>
public static class UpdateArticle
{
    public static async Task<Ok<ArticleResponse>> HandleAsync(
        Guid id, ArticleRequest request, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        ArticleResponse? updated = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
            EntityVersions.CheckIfMatch(http.Request, before.Version);
            var after = before with
            {
                SectionId = request.SectionId,
                Title = request.Title.Trim(),
                BodyMarkdown = request.BodyMarkdown,
                Keywords = request.NormalisedKeywords(),
                Language = request.Language,
                Published = request.Published,
                VisibleToAll = request.VisibleToAll,
                CustomerIds = VisibilityRules.Normalised(request.CustomerIds),
                Version = before.Version + 1,
                UpdatedAt = time.GetUtcNow(),
                UpdatedBy = actor.UserId,
            };
            await ArticleWriter.UpsertAsync(connection, after, ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.updated", "kb_article", id, before, after, ct);
            updated = await ArticleResponse.LoadAsync(connection, id, ct);
            await tx.CommitAsync(ct);
        });
        http.Response.Headers.ETag = EntityVersions.ETag(updated!.Version);
        return TypedResults.Ok(updated);
    }
}
