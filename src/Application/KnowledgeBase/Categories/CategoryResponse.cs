using Npgsql;

namespace Ticketing.Application.KnowledgeBase.Categories;

/// <summary>A category as the authoring API returns it; also its audit snapshot.</summary>
public sealed record CategoryResponse(
    Guid Id,
    string Name,
    string Description,
    int Position,
    bool VisibleToAll,
    IReadOnlyList<Guid> CustomerIds,
    int Version,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy)
{
    public const string Columns = """
        c.id, c.name, c.description, c.position, c.visible_to_all,
        array(select cc.customer_id from kb_category_customers cc where cc.category_id = c.id order by cc.customer_id),
        c.version, c.created_at, c.created_by, c.updated_at, c.updated_by
        """;

    public static CategoryResponse Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetString(1), row.GetString(2), row.GetInt32(3), row.GetBoolean(4), row.GetFieldValue<Guid[]>(5),
        row.GetInt32(6), row.GetFieldValue<DateTimeOffset>(7), row.IsDBNull(8) ? null : row.GetGuid(8),
        row.GetFieldValue<DateTimeOffset>(9), row.IsDBNull(10) ? null : row.GetGuid(10));

    public static async Task<CategoryResponse?> FindAsync(NpgsqlConnection connection, Guid id, bool forUpdate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from kb_categories c where c.id = $1{(forUpdate ? " for update" : "")}", connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }
}
