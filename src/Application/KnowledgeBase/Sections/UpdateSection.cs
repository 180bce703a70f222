using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Sections;

/// <summary>
/// Replaces a section's fields, possibly moving it to another category (its articles then follow that category's
/// visibility); <see cref="IfMatch"/> (the request's raw header; absent: no check) guards lost updates.
/// </summary>
public sealed record UpdateSection(Guid SectionId, SectionContent Content, CurrentUser By, string? IfMatch);

public static class UpdateSectionHandler
{
    public static async Task<SectionResponse> Handle(
        UpdateSection command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (id, content, actor, ifMatch) = command;
        SectionResponse? after = null;
        await KnowledgeBaseErrors.GuardReferencesAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await SectionResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Section(id);
            EntityVersions.CheckIfMatch(ifMatch, before.Version);
            after = before with
            {
                CategoryId = content.CategoryId,
                Name = content.Name,
                Description = content.Description,
                Position = content.Position ?? before.Position,
                Version = before.Version + 1,
                UpdatedAt = clock.GetUtcNow(),
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
        return after!;
    }
}
