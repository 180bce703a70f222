using Npgsql;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>A file attached to an article (its bytes stay in the attachment store, addressed by hash).</summary>
public sealed record ArticleFile(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset AddedAt);

/// <summary>How contacts rated an article; <see cref="Mine"/> is the caller's own rating (portal only).</summary>
public sealed record RatingSummary(int Helpful, int NotHelpful, bool? Mine);

/// <summary>The files and rating counts of one article, read in one round trip for the article pages.</summary>
public static class ArticleParts
{
    public static async Task<(IReadOnlyList<ArticleFile> Files, RatingSummary Rating)> LoadAsync(
        NpgsqlConnection connection, Guid articleId, Guid? contactId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("select id, file_name, content_type, size, added_at from kb_article_files where article_id = $1 order by added_at, id")
                {
                    Parameters = { new() { Value = articleId } },
                },
                new("""
                    select count(*) filter (where helpful)::int, count(*) filter (where not helpful)::int,
                           bool_or(helpful) filter (where contact_id = $2)
                    from kb_article_ratings where article_id = $1
                    """)
                {
                    Parameters = { new() { Value = articleId }, new() { Value = (object?)contactId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var files = new List<ArticleFile>();
        while (await reader.ReadAsync(ct))
        {
            files.Add(new ArticleFile(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var rating = new RatingSummary(reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetBoolean(2));
        return (files, rating);
    }
}
