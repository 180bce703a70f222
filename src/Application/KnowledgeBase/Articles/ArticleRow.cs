using Npgsql;

namespace Ticketing.Application.KnowledgeBase.Articles;

/// <summary>An article's own fields as stored; the audit snapshot of article changes.</summary>
public sealed record ArticleRow(
    Guid Id,
    Guid SectionId,
    string Title,
    string BodyMarkdown,
    IReadOnlyList<string> Keywords,
    string Language,
    bool Published,
    bool VisibleToAll,
    IReadOnlyList<Guid> CustomerIds,
    int Version,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy)
{
    public const string Columns = """
        a.id, a.section_id, a.title, a.body_markdown, a.keywords, a.language, a.published, a.visible_to_all,
        array(select ac.customer_id from kb_article_customers ac where ac.article_id = a.id order by ac.customer_id),
        a.version, a.created_at, a.created_by, a.updated_at, a.updated_by
        """;

    public const int ColumnCount = 14;

    public static ArticleRow Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetGuid(1), row.GetString(2), row.GetString(3), row.GetFieldValue<string[]>(4), row.GetString(5),
        row.GetBoolean(6), row.GetBoolean(7), row.GetFieldValue<Guid[]>(8), row.GetInt32(9), row.GetFieldValue<DateTimeOffset>(10),
        row.IsDBNull(11) ? null : row.GetGuid(11), row.GetFieldValue<DateTimeOffset>(12), row.IsDBNull(13) ? null : row.GetGuid(13));

    public static async Task<ArticleRow?> FindAsync(NpgsqlConnection connection, Guid id, bool forUpdate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from kb_articles a where a.id = $1{(forUpdate ? " for update" : "")}", connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }
}
