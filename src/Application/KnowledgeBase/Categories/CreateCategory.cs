using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Categories;

/// <summary>What a category's author sets (P7): trimmed, customer ids distinct and sorted.</summary>
public sealed record CategoryContent(string Name, string Description, int? Position, bool VisibleToAll, IReadOnlyList<Guid> CustomerIds);

/// <summary>A new category and its visibility list, audited in the same transaction.</summary>
public sealed record CreateCategory(CategoryContent Content, CurrentUser By);

public static class CreateCategoryHandler
{
    public static async Task<CategoryResponse> Handle(
        CreateCategory command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (content, actor) = command;
        var now = clock.GetUtcNow();
        var category = new CategoryResponse(
            Guid.CreateVersion7(), content.Name, content.Description, content.Position ?? 0, content.VisibleToAll, content.CustomerIds,
            1, now, actor.UserId, now, actor.UserId);
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
        return category;
    }
}
