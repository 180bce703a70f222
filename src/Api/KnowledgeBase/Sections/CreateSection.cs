using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Sections;

/// <summary><c>POST /api/kb/sections</c>: a new section in a category, audited in the same transaction.</summary>
public static class CreateSection
{
    public static async Task<Created<SectionResponse>> HandleAsync(
        SectionRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var actor = user.GetCurrentUser();
        var now = time.GetUtcNow();
        var section = new SectionResponse(
            Guid.CreateVersion7(), request.CategoryId, request.Name.Trim(), request.Description?.Trim() ?? "", request.Position ?? 0,
            1, now, actor.UserId, now, actor.UserId);

        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var insert = connection.Sql("""
                insert into kb_sections (id, category_id, name, description, position, version, created_at, created_by, updated_at, updated_by)
                values ($1, $2, $3, $4, $5, 1, $6, $7, $6, $7)
                """)
                .With(section.Id).With(section.CategoryId).With(section.Name).With(section.Description).With(section.Position)
                .With(now).With(actor.UserId);
            await insert.ExecuteNonQueryAsync(ct);
            await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_section.created", "kb_section", section.Id, null, section, ct);
            await tx.CommitAsync(ct);
        });
        return TypedResults.Created($"/api/kb/sections/{section.Id}", section);
    }
}
