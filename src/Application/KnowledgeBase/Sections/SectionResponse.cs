using Npgsql;

namespace Ticketing.Application.KnowledgeBase.Sections;

/// <summary>A section as the authoring API returns it; also its audit snapshot.</summary>
public sealed record SectionResponse(
    Guid Id,
    Guid CategoryId,
    string Name,
    string Description,
    int Position,
    int Version,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset UpdatedAt,
    Guid? UpdatedBy)
{
    public const string Columns = "s.id, s.category_id, s.name, s.description, s.position, s.version, s.created_at, s.created_by, s.updated_at, s.updated_by";

    public static SectionResponse Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetGuid(1), row.GetString(2), row.GetString(3), row.GetInt32(4), row.GetInt32(5),
        row.GetFieldValue<DateTimeOffset>(6), row.IsDBNull(7) ? null : row.GetGuid(7),
        row.GetFieldValue<DateTimeOffset>(8), row.IsDBNull(9) ? null : row.GetGuid(9));

    public static async Task<SectionResponse?> FindAsync(NpgsqlConnection connection, Guid id, bool forUpdate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from kb_sections s where s.id = $1{(forUpdate ? " for update" : "")}", connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }
}
