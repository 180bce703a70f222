using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>
/// What an article's author sets (P7): title trimmed, keywords and customer ids normalised, and the Markdown's
/// searchable text as the article renderer derives it from the sanitised HTML (rendering is the API's: it is what a
/// browser is given). Visibility narrows the category's.
/// </summary>
public sealed record ArticleContent(
    Guid SectionId,
    string Title,
    string BodyMarkdown,
    string BodyText,
    IReadOnlyList<string> Keywords,
    string Language,
    bool Published,
    bool VisibleToAll,
    IReadOnlyList<Guid> CustomerIds);

/// <summary>A new article in a section, audited in the same transaction.</summary>
public sealed record CreateArticle(ArticleContent Content, CurrentUser By);

public static class CreateArticleHandler
{
    public static async Task<StoredArticle> Handle(
        CreateArticle command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (content, actor) = command;
        var now = clock.GetUtcNow();
        var article = new ArticleRow(
            Guid.CreateVersion7(), content.SectionId, content.Title, content.BodyMarkdown, content.Keywords, content.Language,
            content.Published, content.VisibleToAll, content.CustomerIds, 1, now, actor.UserId, now, actor.UserId);
        StoredArticle? created = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await ArticleWriter.UpsertAsync(connection, article, content.BodyText, ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_article.created", "kb_article", article.Id, null, article, ct);
            created = await StoredArticle.LoadAsync(connection, article.Id, ct);
            await tx.CommitAsync(ct);
        });
        return created!;
    }
}
