using Npgsql;
using Ticketing.Application.KnowledgeBase.Categories;
using Ticketing.Application.KnowledgeBase.Sections;

namespace Ticketing.Api.KnowledgeBase.Categories;

/// <summary>A category with its sections, as technicians browse the whole tree.</summary>
public sealed record CategoryNode(CategoryResponse Category, IReadOnlyList<SectionNode> Sections);

/// <summary>A section with how many articles it holds, and how many of them are published.</summary>
public sealed record SectionNode(SectionResponse Section, int Articles, int Published);

/// <summary>
/// The whole tree of <c>GET /api/kb/categories</c>, unpaged: an MSP's knowledge base has tens of categories, not
/// thousands; articles are paged per section.
/// </summary>
public static class AuthoringTree
{
    public static async Task<IReadOnlyList<CategoryNode>> LoadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var categories = new List<CategoryResponse>();
        await using (var command = connection.Sql($"select {CategoryResponse.Columns} from kb_categories c order by c.position, c.name, c.id"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                categories.Add(CategoryResponse.Read(reader));
            }
        }

        var sections = new List<SectionNode>();
        await using (var command = connection.Sql($"""
            select {SectionResponse.Columns}, count(a.id)::int, (count(a.id) filter (where a.published))::int
            from kb_sections s left join kb_articles a on a.section_id = s.id
            group by s.id
            order by s.position, s.name, s.id
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                sections.Add(new SectionNode(SectionResponse.Read(reader), reader.GetInt32(10), reader.GetInt32(11)));
            }
        }

        var byCategory = sections.ToLookup(s => s.Section.CategoryId);
        return [.. categories.Select(c => new CategoryNode(c, [.. byCategory[c.Id]]))];
    }
}
