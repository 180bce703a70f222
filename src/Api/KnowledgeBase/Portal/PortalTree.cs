using Npgsql;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>A category of the portal's knowledge base, with the sections that hold something for the caller.</summary>
public sealed record PortalCategory(Guid Id, string Name, string Description, IReadOnlyList<PortalSection> Sections);

public sealed record PortalSection(Guid Id, string Name, string Description);

/// <summary>
/// The tree of <c>GET /api/portal/kb/categories</c>: the categories and sections holding at least one article the caller's
/// customer may read (empty ones are left out, so a hidden draft does not reveal its section's name).
/// The existence test stops at the first visible article, so the cost follows the number of sections.
/// </summary>
public static class PortalTree
{
    public static async Task<IReadOnlyList<PortalCategory>> LoadAsync(NpgsqlDataSource dataSource, Guid customerId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select c.id, c.name, c.description, s.id, s.name, s.description
            from kb_categories c
            join kb_sections s on s.category_id = c.id
            where exists (select 1 from kb_articles a where a.section_id = s.id and {PortalVisibility.ArticleVisible})
            order by c.position, c.name, c.id, s.position, s.name, s.id
            """).With(customerId);
        var categories = new List<PortalCategory>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var categoryId = reader.GetGuid(0);
            if (categories.Count == 0 || categories[^1].Id != categoryId)
            {
                categories.Add(new PortalCategory(categoryId, reader.GetString(1), reader.GetString(2), new List<PortalSection>()));
            }

            ((List<PortalSection>)categories[^1].Sections).Add(new PortalSection(reader.GetGuid(3), reader.GetString(4), reader.GetString(5)));
        }

        return categories;
    }
}
