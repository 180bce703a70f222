using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Articles;

namespace Ticketing.Api.KnowledgeBase.Files;

/// <summary><c>DELETE /api/kb/articles/{id}/files/{fileId}</c>: removes the record (the stored bytes may be shared).</summary>
public static class DeleteArticleFile
{
    public static async Task<NoContent> HandleAsync(
        Guid id, Guid fileId, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        _ = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
        await using var delete = connection.Sql("delete from kb_article_files where id = $1 and article_id = $2 returning file_name")
            .With(fileId).With(id);
        var fileName = await delete.ExecuteScalarAsync(ct) as string ?? throw KnowledgeBaseErrors.File(fileId);
        await ArticleModified.TouchAsync(connection, id, time.GetUtcNow(), actor.UserId, ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.file_removed", "kb_article", id, new { FileId = fileId, FileName = fileName }, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
