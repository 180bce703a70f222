using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>Replaces an article (a new section id moves it); <see cref="IfMatch"/> (the request's raw header; absent: no check) guards lost updates.</summary>
public sealed record UpdateArticle(Guid ArticleId, ArticleContent Content, CurrentUser By, string? IfMatch);

public static class UpdateArticleHandler
{
    public static async Task<StoredArticle> Handle(
        UpdateArticle command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (id, content, actor, ifMatch) = command;
        StoredArticle? updated = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await ArticleRow.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Article(id);
            EntityVersions.CheckIfMatch(ifMatch, before.Version);
            var after = before with
            {
                SectionId = content.SectionId,
                Title = content.Title,
                BodyMarkdown = content.BodyMarkdown,
                Keywords = content.Keywords,
                Language = content.Language,
                Published = content.Published,
                VisibleToAll = content.VisibleToAll,
                CustomerIds = content.CustomerIds,
                Version = before.Version + 1,
                UpdatedAt = clock.GetUtcNow(),
                UpdatedBy = actor.UserId,
            };
            await ArticleWriter.UpsertAsync(connection, after, content.BodyText, ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.updated", "kb_article", id, before, after, ct);
            updated = await StoredArticle.LoadAsync(connection, id, ct);
            await tx.CommitAsync(ct);
        });
        return updated!;
    }
}
