using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;
using Ticketing.Domain;

namespace Ticketing.Application.KnowledgeBase.Categories;

/// <summary>
/// Deletes a category. Only an empty one goes, so a click cannot take a whole tree of articles (and their ratings)
/// with it; sections are moved or deleted first.
/// </summary>
public sealed record DeleteCategory(Guid CategoryId, CurrentUser By, string? IfMatch);

public static class DeleteCategoryHandler
{
    public static async Task Handle(DeleteCategory command, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var (id, actor, ifMatch) = command;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await CategoryResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Category(id);
        EntityVersions.CheckIfMatch(ifMatch, before.Version);
        await using var sections = connection.Sql("select exists (select 1 from kb_sections where category_id = $1)").With(id);
        if ((bool)(await sections.ExecuteScalarAsync(ct))!)
        {
            throw new DomainRuleViolation(KnowledgeBaseErrors.CategoryNotEmpty, "The category still has sections.");
        }

        await using var delete = connection.Sql("delete from kb_categories where id = $1").With(id);
        await delete.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_category.deleted", "kb_category", id, before, null, ct);
        await tx.CommitAsync(ct);
    }
}
