using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Sections;

namespace Ticketing.Api.KnowledgeBase.Articles;

/// <summary>An article in a list: enough to choose one, drafts included.</summary>
public sealed record ArticleListItem(Guid Id, string Title, string Language, bool Published, bool VisibleToAll, DateTimeOffset UpdatedAt);

/// <summary><c>GET /api/kb/sections/{id}</c>, <c>GET /api/kb/sections/{id}/articles</c> (by title, keyset paging) and <c>GET /api/kb/articles/{id}</c>.</summary>
public static class AuthoringArticleQueries
{
    public static async Task<Ok<SectionResponse>> GetSectionAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var section = await SectionResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw KnowledgeBaseErrors.Section(id);
        http.Response.Headers.ETag = EntityVersions.ETag(section.Version);
        return TypedResults.Ok(section);
    }

    public static async Task<Ok<Page<ArticleListItem>>> ListInSectionAsync(
        Guid id, string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var keys = after is null ? null : Paging.Keys(after, 2);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        _ = await SectionResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw KnowledgeBaseErrors.Section(id);
        await using var command = connection.Sql("""
            select a.id, a.title, a.language, a.published, a.visible_to_all, a.updated_at
            from kb_articles a
            where a.section_id = $1 and ($2::text is null or (a.title, a.id) > ($2, $3::uuid))
            order by a.title, a.id
            limit $4
            """)
            .With(id).With(keys?[0]).With(keys is null ? null : Paging.GuidKey(keys[1])).With(size + 1);
        var rows = new List<ArticleListItem>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ArticleListItem(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        return TypedResults.Ok(Paging.Of(rows, size, a => Paging.Cursor(a.Title, a.Id.ToString())));
    }

    public static async Task<Ok<ArticleResponse>> GetArticleAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var article = await ArticleResponse.LoadAsync(connection, id, ct) ?? throw KnowledgeBaseErrors.Article(id);
        http.Response.Headers.ETag = EntityVersions.ETag(article.Version);
        return TypedResults.Ok(article);
    }
}
