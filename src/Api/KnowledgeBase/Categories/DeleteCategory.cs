using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Domain;

namespace Ticketing.Api.KnowledgeBase.Categories;

/// <summary>
/// <c>DELETE /api/kb/categories/{id}</c>: only an empty category goes, so a click cannot take a whole tree of
/// articles (and their ratings) with it; sections are moved or deleted first.
/// </summary>
public static class DeleteCategory
{
    public static async Task<NoContent> HandleAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await CategoryResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Category(id);
        EntityVersions.CheckIfMatch(http.Request, before.Version);
        await using var sections = connection.Sql("select exists (select 1 from kb_sections where category_id = $1)").With(id);
        if ((bool)(await sections.ExecuteScalarAsync(ct))!)
        {
            throw new DomainRuleViolation(KnowledgeBaseErrors.CategoryNotEmpty, "The category still has sections.");
        }

        await using var delete = connection.Sql("delete from kb_categories where id = $1").With(id);
        await delete.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "kb_category.deleted", "kb_category", id, before, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
