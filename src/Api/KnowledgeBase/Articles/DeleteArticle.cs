using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>
/// <c>DELETE /api/kb/articles/{id}</c>: the article, its visibility list, file records and ratings go together.
/// The file bytes stay in the content-addressed store, which other records may share.
/// </summary>
public static class DeleteArticle
{
    public static async Task<NoContent> HandleAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
        EntityVersions.CheckIfMatch(http.Request, before.Version);
        await using var delete = connection.Sql("delete from kb_articles where id = $1").With(id);
        await delete.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "kb_article.deleted", "kb_article", id, before, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
