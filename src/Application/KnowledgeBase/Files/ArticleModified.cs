using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Files;

/// <summary>Files are part of the article: adding or removing one makes a new version with a new modified instant.</summary>
internal static class ArticleModified
{
    public static async Task TouchAsync(NpgsqlConnection connection, Guid articleId, DateTimeOffset at, Guid by, CancellationToken ct)
    {
        await using var touch = connection.Sql("update kb_articles set version = version + 1, updated_at = $2, updated_by = $3 where id = $1")
            .With(articleId).With(at).With(by);
        await touch.ExecuteNonQueryAsync(ct);
    }
}
