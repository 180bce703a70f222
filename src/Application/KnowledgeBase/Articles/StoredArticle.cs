using Npgsql;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>An article as stored, with its section's category, its files and its ratings (the authoring view's data).</summary>
public sealed record StoredArticle(ArticleRow Article, Guid CategoryId, IReadOnlyList<ArticleFile> Files, RatingSummary Rating)
{
    /// <summary>The article on the caller's connection (and transaction), or null when there is no such article.</summary>
    public static async Task<StoredArticle?> LoadAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        ArticleRow row;
        Guid categoryId;
        await using (var command = new NpgsqlCommand(
            $"select {ArticleRow.Columns}, s.category_id from kb_articles a join kb_sections s on s.id = a.section_id where a.id = $1", connection)
        {
            Parameters = { new() { Value = id } },
        })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            row = ArticleRow.Read(reader);
            categoryId = reader.GetGuid(ArticleRow.ColumnCount);
        }

        var (files, rating) = await ArticleParts.LoadAsync(connection, id, contactId: null, ct);
        return new StoredArticle(row, categoryId, files, rating);
    }
}
