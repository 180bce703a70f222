using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Customers;

/// <summary>Replaces a customer's fields; <see cref="IfMatch"/> is the request's raw header (absent: no check).</summary>
public sealed record UpdateCustomer(
    Guid Id, string Name, IReadOnlyList<string> EmailDomains, string TimeZone, bool TicketingPortalEnabled, bool KnowledgeBaseEnabled,
    string? IfMatch, AuditActor By);

/// <summary>Locks the row, checks its version, writes the new one and its audit entry in one transaction.</summary>
public static class UpdateCustomerHandler
{
    public static Task<CustomerResponse> Handle(
        UpdateCustomer command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        CustomerErrors.GuardDomainsAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await CustomerResponse.FindAsync(connection, command.Id, forUpdate: true, ct)
                ?? throw CustomerErrors.NotFoundError(command.Id);
            EntityVersions.CheckIfMatch(command.IfMatch, before.Version);

            var after = before with
            {
                Name = command.Name,
                EmailDomains = command.EmailDomains,
                TimeZone = command.TimeZone,
                TicketingPortalEnabled = command.TicketingPortalEnabled,
                KnowledgeBaseEnabled = command.KnowledgeBaseEnabled,
                Version = before.Version + 1,
                UpdatedAt = clock.GetUtcNow(),
            };
            await using var update = connection.Sql("""
                update customers set name = $2, email_domains = $3, time_zone = $4, ticketing_portal_enabled = $5,
                                     knowledge_base_enabled = $6, version = $7, updated_at = $8
                where id = $1
                """)
                .With(command.Id).With(after.Name).With(after.EmailDomains.ToArray()).With(after.TimeZone)
                .With(after.TicketingPortalEnabled).With(after.KnowledgeBaseEnabled).With(after.Version).With(after.UpdatedAt);
            await update.ExecuteNonQueryAsync(ct);
            await audit.WriteAsync(connection, command.By, "customer.updated", "customer", command.Id, before, after, ct);
            await tx.CommitAsync(ct);
            return after;
        });
}
