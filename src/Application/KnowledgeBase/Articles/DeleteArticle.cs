using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>
/// Deletes an article: its visibility list, file records and ratings go with it. The file bytes stay in the
/// content-addressed store, which other records may share.
/// </summary>
public sealed record DeleteArticle(Guid ArticleId, CurrentUser By, string? IfMatch);

public static class DeleteArticleHandler
{
    public static async Task Handle(DeleteArticle command, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var (id, actor, ifMatch) = command;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
        EntityVersions.CheckIfMatch(ifMatch, before.Version);
        await using var delete = connection.Sql("delete from kb_articles where id = $1").With(id);
        await delete.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.deleted", "kb_article", id, before, null, ct);
        await tx.CommitAsync(ct);
    }
}
