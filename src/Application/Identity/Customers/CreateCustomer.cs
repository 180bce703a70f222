using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Customers;

/// <summary>A new customer; the name is trimmed and the domains normalised by the caller.</summary>
public sealed record CreateCustomer(
    string Name, IReadOnlyList<string> EmailDomains, string TimeZone, bool TicketingPortalEnabled, bool KnowledgeBaseEnabled, AuditActor By);

/// <summary>Inserts the customer and its audit entry in one transaction; a domain another customer owns is a 409.</summary>
public static class CreateCustomerHandler
{
    public static Task<CustomerResponse> Handle(
        CreateCustomer command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var customer = new CustomerResponse(
            Guid.CreateVersion7(), command.Name, command.EmailDomains, command.TimeZone,
            command.TicketingPortalEnabled, command.KnowledgeBaseEnabled, 1, now, now);
        return CustomerErrors.GuardDomainsAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var insert = connection.Sql("""
                insert into customers (id, name, email_domains, time_zone, ticketing_portal_enabled, knowledge_base_enabled,
                                       version, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, 1, $7, $7)
                """)
                .With(customer.Id).With(customer.Name).With(customer.EmailDomains.ToArray()).With(customer.TimeZone)
                .With(customer.TicketingPortalEnabled).With(customer.KnowledgeBaseEnabled).With(now);
            await insert.ExecuteNonQueryAsync(ct);
            await audit.WriteAsync(connection, command.By, "customer.created", "customer", customer.Id, null, customer, ct);
            await tx.CommitAsync(ct);
            return customer;
        });
    }
}
