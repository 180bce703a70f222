using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Api.KnowledgeBase.Articles;
using Ticketing.Application.KnowledgeBase;
using Ticketing.Application.KnowledgeBase.Sections;
using Wolverine;

namespace Ticketing.Api.KnowledgeBase.Sections;

/// <summary>
/// <c>/api/kb/sections</c>: one section, its articles (by title, keyset paging), and its create, replace (a new category
/// id moves it; <c>If-Match</c> optional) and delete commands.
/// </summary>
public static class SectionEndpoints
{
    public static async Task<Ok<SectionResponse>> GetAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var section = await SectionResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw KnowledgeBaseErrors.Section(id);
        http.Response.Headers.ETag = EntityVersions.ETag(section.Version);
        return TypedResults.Ok(section);
    }

    public static async Task<Ok<Page<ArticleListItem>>> ListArticlesAsync(
        Guid id, string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await SectionArticleList.LoadAsync(id, after, limit, dataSource, ct));

    public static async Task<Created<SectionResponse>> CreateAsync(SectionRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var section = await bus.InvokeAsync<SectionResponse>(new CreateSection(request.ToContent(), http.User.GetCurrentUser()), ct);
        return TypedResults.Created($"/api/kb/sections/{section.Id}", section);
    }

    public static async Task<Ok<SectionResponse>> UpdateAsync(Guid id, SectionRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var section = await bus.InvokeAsync<SectionResponse>(
            new UpdateSection(id, request.ToContent(), http.User.GetCurrentUser(), http.Request.Headers.IfMatch.ToString()), ct);
        http.Response.Headers.ETag = EntityVersions.ETag(section.Version);
        return TypedResults.Ok(section);
    }

    public static async Task<NoContent> DeleteAsync(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new DeleteSection(id, http.User.GetCurrentUser(), http.Request.Headers.IfMatch.ToString()), ct);
        return TypedResults.NoContent();
    }
}
