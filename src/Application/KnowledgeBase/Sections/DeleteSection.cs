using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;
using Ticketing.Domain;

namespace Ticketing.Application.KnowledgeBase.Sections;

/// <summary>Deletes a section; only an empty one goes (see <see cref="Categories.DeleteCategory"/> for why).</summary>
public sealed record DeleteSection(Guid SectionId, CurrentUser By, string? IfMatch);

public static class DeleteSectionHandler
{
    public static async Task Handle(DeleteSection command, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var (id, actor, ifMatch) = command;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await SectionResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw KnowledgeBaseErrors.Section(id);
        EntityVersions.CheckIfMatch(ifMatch, before.Version);
        await using var articles = connection.Sql("select exists (select 1 from kb_articles where section_id = $1)").With(id);
        if ((bool)(await articles.ExecuteScalarAsync(ct))!)
        {
            throw new DomainRuleViolation(KnowledgeBaseErrors.SectionNotEmpty, "The section still has articles.");
        }

        await using var delete = connection.Sql("delete from kb_sections where id = $1").With(id);
        await delete.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(connection, AuditActor.Of(actor), "kb_section.deleted", "kb_section", id, before, null, ct);
        await tx.CommitAsync(ct);
    }
}
