using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.KnowledgeBase.Sections;

/// <summary>What a section's author sets (P7), trimmed; a new category id moves the section.</summary>
public sealed record SectionContent(Guid CategoryId, string Name, string Description, int? Position);

/// <summary>A new section in a category, audited in the same transaction.</summary>
public sealed record CreateSection(SectionContent Content, CurrentUser By);

public static class CreateSectionHandler
{
    public static async Task<SectionResponse> Handle(
        CreateSection command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (content, actor) = command;
        var now = clock.GetUtcNow();
        var section = new SectionResponse(
            Guid.CreateVersion7(), content.CategoryId, content.Name, content.Description, content.Position ?? 0, 1, now, actor.UserId, now, actor.UserId);
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
        return section;
    }
}
