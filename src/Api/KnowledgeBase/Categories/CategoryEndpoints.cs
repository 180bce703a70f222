using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.KnowledgeBase;
using Ticketing.Application.KnowledgeBase.Categories;
using Wolverine;

namespace Ticketing.Api.KnowledgeBase.Categories;

/// <summary>
/// <c>/api/kb/categories</c>: the authoring tree, one category, and its create, replace (<c>If-Match</c> optional) and
/// delete commands.
/// </summary>
public static class CategoryEndpoints
{
    public static async Task<Ok<IReadOnlyList<CategoryNode>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await AuthoringTree.LoadAsync(dataSource, ct));

    public static async Task<Ok<CategoryResponse>> GetAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var category = await CategoryResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw KnowledgeBaseErrors.Category(id);
        http.Response.Headers.ETag = EntityVersions.ETag(category.Version);
        return TypedResults.Ok(category);
    }

    public static async Task<Created<CategoryResponse>> CreateAsync(CategoryRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var category = await bus.InvokeAsync<CategoryResponse>(new CreateCategory(request.ToContent(), http.User.GetCurrentUser()), ct);
        return TypedResults.Created($"/api/kb/categories/{category.Id}", category);
    }

    public static async Task<Ok<CategoryResponse>> UpdateAsync(Guid id, CategoryRequest request, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var category = await bus.InvokeAsync<CategoryResponse>(
            new UpdateCategory(id, request.ToContent(), http.User.GetCurrentUser(), http.Request.Headers.IfMatch.ToString()), ct);
        http.Response.Headers.ETag = EntityVersions.ETag(category.Version);
        return TypedResults.Ok(category);
    }

    public static async Task<NoContent> DeleteAsync(Guid id, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new DeleteCategory(id, http.User.GetCurrentUser(), http.Request.Headers.IfMatch.ToString()), ct);
        return TypedResults.NoContent();
    }
}
