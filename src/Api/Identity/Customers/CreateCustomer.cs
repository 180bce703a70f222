using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Customers;

/// <summary><c>POST /api/customers</c>: a new customer, audited in the same transaction.</summary>
public static class CreateCustomer
{
    public static async Task<Created<CustomerResponse>> HandleAsync(
        CustomerRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var customer = new CustomerResponse(
            Guid.CreateVersion7(), request.Name.Trim(), request.NormalisedDomains(), request.TimeZone,
            request.TicketingPortalEnabled, request.KnowledgeBaseEnabled, 1, now, now);

        await CustomerErrors.GuardDomainsAsync(async () =>
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
            await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "customer.created", "customer", customer.Id, null, customer, ct);
            await tx.CommitAsync(ct);
            return customer;
        });
        return TypedResults.Created($"/api/customers/{customer.Id}", customer);
    }
}
