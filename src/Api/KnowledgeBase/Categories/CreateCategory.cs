using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Categories;

/// <summary><c>POST /api/kb/categories</c>: a new category and its visibility list, audited in the same transaction.</summary>
public static class CreateCategory
{
    public static async Task<Created<CategoryResponse>> HandleAsync(
        CategoryRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        var now = time.GetUtcNow();
        var category = new CategoryResponse(
            Guid.CreateVersion7(), request.Name.Trim(), request.Description?.Trim() ?? "", request.Position ?? 0, request.VisibleToAll,
            VisibilityRules.Normalised(request.CustomerIds), 1, now, actor.UserId, now, actor.UserId);

        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var insert = connection.Sql("""
                insert into kb_categories (id, name, description, position, visible_to_all, version, created_at, created_by, updated_at, updated_by)
                values ($1, $2, $3, $4, $5, 1, $6, $7, $6, $7)
                """)
                .With(category.Id).With(category.Name).With(category.Description).With(category.Position)
                .With(category.VisibleToAll).With(now).With(actor.UserId);
            await insert.ExecuteNonQueryAsync(ct);
            await VisibilityLists.ReplaceCategoryCustomersAsync(connection, category.Id, category.CustomerIds, ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_category.created", "kb_category", category.Id, null, category, ct);
            await tx.CommitAsync(ct);
        });
        return TypedResults.Created($"/api/kb/categories/{category.Id}", category);
    }
}
