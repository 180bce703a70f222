using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.KnowledgeBase.Articles;
using Ticketing.Application.Persistence;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.KnowledgeBase.Files;

/// <summary>
/// Records files whose bytes are already in the attachment store as part of an article: the records and the article's
/// new version and modified instant in one audited transaction.
/// </summary>
public sealed record AddArticleFiles(Guid ArticleId, IReadOnlyList<AttachmentMetadata> Files, CurrentUser By);

/// <summary>The files as recorded (a record, not a bare list: Wolverine would take a returned list for messages to send).</summary>
public sealed record AddedArticleFiles(IReadOnlyList<ArticleFile> Files);

public static class AddArticleFilesHandler
{
    public static async Task<AddedArticleFiles> Handle(
        AddArticleFiles command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (id, saved, actor) = command;
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        _ = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
        await using var insert = connection.Sql("""
            insert into kb_article_files (id, article_id, file_name, content_type, size, sha256, added_at, added_by)
            select f.id, $1, f.name, f.type, f.size, f.sha, $7, $8
            from unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[]) as f(id, name, type, size, sha)
            """)
            .With(id).With(saved.Select(f => f.Id).ToArray()).With(saved.Select(f => f.FileName).ToArray())
            .With(saved.Select(f => f.ContentType).ToArray()).With(saved.Select(f => f.Size).ToArray())
            .With(saved.Select(f => f.Sha256).ToArray()).With(now).With(actor.UserId);
        await insert.ExecuteNonQueryAsync(ct);
        await ArticleModified.TouchAsync(connection, id, now, actor.UserId, ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.files_added", "kb_article", id, null, new { Files = saved }, ct);
        await tx.CommitAsync(ct);
        return new AddedArticleFiles([.. saved.Select(f => new ArticleFile(f.Id, f.FileName, f.ContentType, f.Size, now))]);
    }
}
