using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.KnowledgeBase;

namespace Ticketing.Api.KnowledgeBase.Portal;

/// <summary>An article in a portal list.</summary>
public sealed record PortalArticleListItem(Guid Id, string Title, IReadOnlyList<string> Keywords, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The list of <c>GET /api/portal/kb/sections/{id}/articles</c>: the section's articles the caller may read, by title (keyset paging).</summary>
public static class PortalSectionArticles
{
    public static async Task<Page<PortalArticleListItem>> LoadAsync(
        NpgsqlDataSource dataSource, Guid customerId, Guid id, string? after, int? limit, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var keys = after is null ? null : Paging.Keys(after, 2);
        await using var command = dataSource.CreateCommand($"""
            select a.id, a.title, a.keywords, a.created_at, a.updated_at
            from kb_articles a
            join kb_sections s on s.id = a.section_id
            join kb_categories c on c.id = s.category_id
            where a.section_id = $2 and ($3::text is null or (a.title, a.id) > ($3, $4::uuid)) and {PortalVisibility.ArticleVisible}
            order by a.title, a.id
            limit $5
            """)
            .With(customerId).With(id).With(keys?[0]).With(keys is null ? null : Paging.GuidKey(keys[1])).With(size + 1);
        var rows = new List<PortalArticleListItem>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new PortalArticleListItem(
                    reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        // A section with nothing visible answers like one that does not exist: its name is not the caller's to learn.
        if (rows.Count == 0 && after is null)
        {
            throw KnowledgeBaseErrors.Section(id);
        }

        return Paging.Of(rows, size, a => Paging.Cursor(a.Title, a.Id.ToString()));
    }
}
