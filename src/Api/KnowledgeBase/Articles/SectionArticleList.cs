using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.KnowledgeBase;
using Ticketing.Application.KnowledgeBase.Sections;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>An article in a list: enough to choose one, drafts included.</summary>
public sealed record ArticleListItem(Guid Id, string Title, string Language, bool Published, bool VisibleToAll, DateTimeOffset UpdatedAt);

/// <summary>The articles of <c>GET /api/kb/sections/{id}/articles</c>: all of a section's, by title (keyset paging).</summary>
public static class SectionArticleList
{
    public static async Task<Page<ArticleListItem>> LoadAsync(Guid sectionId, string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var keys = after is null ? null : Paging.Keys(after, 2);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        _ = await SectionResponse.FindAsync(connection, sectionId, forUpdate: false, ct) ?? throw KnowledgeBaseErrors.Section(sectionId);
        await using var command = connection.Sql("""
            select a.id, a.title, a.language, a.published, a.visible_to_all, a.updated_at
            from kb_articles a
            where a.section_id = $1 and ($2::text is null or (a.title, a.id) > ($2, $3::uuid))
            order by a.title, a.id
            limit $4
            """)
            .With(sectionId).With(keys?[0]).With(keys is null ? null : Paging.GuidKey(keys[1])).With(size + 1);
        var rows = new List<ArticleListItem>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ArticleListItem(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        return Paging.Of(rows, size, a => Paging.Cursor(a.Title, a.Id.ToString()));
    }
}
