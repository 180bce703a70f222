using Npgsql;
using Ticketing.Api.KnowledgeBase.Rendering;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>An article as the authoring API returns it: the Markdown source and the sanitised HTML preview.</summary>
public sealed record ArticleResponse(
    Guid Id,
    Guid SectionId,
    Guid CategoryId,
    string Title,
    string BodyMarkdown,
    string BodyHtml,
    IReadOnlyList<string> Keywords,
    string Language,
    bool Published,
    bool VisibleToAll,
    IReadOnlyList<Guid> CustomerIds,
    IReadOnlyList<ArticleFile> Files,
    RatingSummary Rating,
    int Version,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy)
{
    /// <summary>The article with its category, files and ratings, or null when there is no such article.</summary>
    public static async Task<ArticleResponse?> LoadAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
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
        return new ArticleResponse(
            row.Id, row.SectionId, categoryId, row.Title, row.BodyMarkdown, ArticleRenderer.ToHtml(row.BodyMarkdown), row.Keywords,
            row.Language, row.Published, row.VisibleToAll, row.CustomerIds, files, rating, row.Version, row.CreatedAt, row.CreatedBy,
            row.UpdatedAt, row.UpdatedBy);
    }
}
