using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Categories;

/// <summary>Replaces a category's fields and visibility list; <see cref="IfMatch"/> (the request's raw header; absent: no check) guards lost updates.</summary>
public sealed record UpdateCategory(Guid CategoryId, CategoryContent Content, CurrentUser By, string? IfMatch);

public static class UpdateCategoryHandler
{
    public static async Task<CategoryResponse> Handle(
        UpdateCategory command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (id, content, actor, ifMatch) = command;
        CategoryResponse? after = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await CategoryResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Category(id);
            EntityVersions.CheckIfMatch(ifMatch, before.Version);
            after = before with
            {
                Name = content.Name,
                Description = content.Description,
                Position = content.Position ?? before.Position,
                VisibleToAll = content.VisibleToAll,
                CustomerIds = content.CustomerIds,
                Version = before.Version + 1,
                UpdatedAt = clock.GetUtcNow(),
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
        return after!;
    }
}
