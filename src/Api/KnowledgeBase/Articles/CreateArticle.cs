using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary><c>POST /api/kb/articles</c>: a new article in a section, audited in the same transaction.</summary>
public static class CreateArticle
{
    public static async Task<Created<ArticleResponse>> HandleAsync(
        ArticleRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        var now = time.GetUtcNow();
        var article = new ArticleRow(
            Guid.CreateVersion7(), request.SectionId, request.Title.Trim(), request.BodyMarkdown, request.NormalisedKeywords(), request.Language,
            request.Published, request.VisibleToAll, VisibilityRules.Normalised(request.CustomerIds), 1, now, actor.UserId, now, actor.UserId);

        ArticleResponse? created = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await ArticleWriter.UpsertAsync(connection, article, ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.created", "kb_article", article.Id, null, article, ct);
            created = await ArticleResponse.LoadAsync(connection, article.Id, ct);
            await tx.CommitAsync(ct);
        });
        return TypedResults.Created($"/api/kb/articles/{article.Id}", created!);
    }
}
