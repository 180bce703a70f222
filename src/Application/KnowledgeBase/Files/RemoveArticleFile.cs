using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.KnowledgeBase.Articles;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Files;

/// <summary>Removes a file's record from an article, a new version of it (the stored bytes may be shared, so they stay).</summary>
public sealed record RemoveArticleFile(Guid ArticleId, Guid FileId, CurrentUser By);

public static class RemoveArticleFileHandler
{
    public static async Task Handle(RemoveArticleFile command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (id, fileId, actor) = command;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        _ = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
        await using var delete = connection.Sql("delete from kb_article_files where id = $1 and article_id = $2 returning file_name")
            .With(fileId).With(id);
        var fileName = await delete.ExecuteScalarAsync(ct) as string ?? throw KnowledgeBaseErrors.File(fileId);
        await ArticleModified.TouchAsync(connection, id, clock.GetUtcNow(), actor.UserId, ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.file_removed", "kb_article", id, new { FileId = fileId, FileName = fileName }, null, ct);
        await tx.CommitAsync(ct);
    }
}
