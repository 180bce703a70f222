using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Sections;

/// <summary>
/// <c>PUT /api/kb/sections/{id}</c>: replaces the fields, possibly moving the section to another category (its
/// articles then follow that category's visibility); <c>If-Match</c> (optional) guards lost updates.
/// </summary>
public static class UpdateSection
{
    public static async Task<Ok<SectionResponse>> HandleAsync(
        Guid id, SectionRequest request, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        SectionResponse? after = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await SectionResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Section(id);
            EntityVersions.CheckIfMatch(http.Request, before.Version);
            after = before with
            {
                CategoryId = request.CategoryId,
                Name = request.Name.Trim(),
                Description = request.Description?.Trim() ?? "",
                Position = request.Position ?? before.Position,
                Version = before.Version + 1,
                UpdatedAt = time.GetUtcNow(),
                UpdatedBy = actor.UserId,
            };
            await using var update = connection.Sql("""
                update kb_sections set category_id = $2, name = $3, description = $4, position = $5, version = $6, updated_at = $7, updated_by = $8
                where id = $1
                """)
                .With(id).With(after.CategoryId).With(after.Name).With(after.Description).With(after.Position)
                .With(after.Version).With(after.UpdatedAt).With(actor.UserId);
            await update.ExecuteNonQueryAsync(ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_section.updated", "kb_section", id, before, after, ct);
            await tx.CommitAsync(ct);
        });
        http.Response.Headers.ETag = EntityVersions.ETag(after!.Version);
        return TypedResults.Ok(after);
    }
}
