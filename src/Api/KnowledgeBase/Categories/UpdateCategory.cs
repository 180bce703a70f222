using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Categories;

/// <summary><c>PUT /api/kb/categories/{id}</c>: replaces the fields and the visibility list; <c>If-Match</c> (optional) guards lost updates.</summary>
public static class UpdateCategory
{
    public static async Task<Ok<CategoryResponse>> HandleAsync(
        Guid id, CategoryRequest request, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        CategoryResponse? after = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await CategoryResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Category(id);
            EntityVersions.CheckIfMatch(http.Request, before.Version);
            after = before with
            {
                Name = request.Name.Trim(),
                Description = request.Description?.Trim() ?? "",
                Position = request.Position ?? before.Position,
                VisibleToAll = request.VisibleToAll,
                CustomerIds = VisibilityRules.Normalised(request.CustomerIds),
                Version = before.Version + 1,
                UpdatedAt = time.GetUtcNow(),
                UpdatedBy = actor.UserId,
            };
            await using var update = connection.Sql("""
                update kb_categories set name = $2, description = $3, position = $4, visible_to_all = $5, version = $6,
                                         updated_at = $7, updated_by = $8
                where id = $1
                """)
                .With(id).With(after.Name).With(after.Description).With(after.Position).With(after.VisibleToAll)
                .With(after.Version).With(after.UpdatedAt).With(actor.UserId);
            await update.ExecuteNonQueryAsync(ct);
            await VisibilityLists.ReplaceCategoryCustomersAsync(connection, id, after.CustomerIds, ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_category.updated", "kb_category", id, before, after, ct);
            await tx.CommitAsync(ct);
        });
        http.Response.Headers.ETag = EntityVersions.ETag(after!.Version);
        return TypedResults.Ok(after);
    }
}
