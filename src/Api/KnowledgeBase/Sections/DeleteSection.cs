using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Domain;

namespace Ticketing.Api.KnowledgeBase.Sections;

/// <summary><c>DELETE /api/kb/sections/{id}</c>: only an empty section goes (see <c>DeleteCategory</c> for why).</summary>
public static class DeleteSection
{
    public static async Task<NoContent> HandleAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await SectionResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Section(id);
        EntityVersions.CheckIfMatch(http.Request, before.Version);
        await using var articles = connection.Sql("select exists (select 1 from kb_articles where section_id = $1)").With(id);
        if ((bool)(await articles.ExecuteScalarAsync(ct))!)
        {
            throw new DomainRuleViolation(KnowledgeBaseErrors.SectionNotEmpty, "The section still has articles.");
        }

        await using var delete = connection.Sql("delete from kb_sections where id = $1").With(id);
        await delete.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "kb_section.deleted", "kb_section", id, before, null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
