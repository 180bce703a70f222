using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Customers;

/// <summary><c>PUT /api/customers/{id}</c>: replaces the customer's fields; <c>If-Match</c> (optional) guards lost updates.</summary>
public static class UpdateCustomer
{
    public static async Task<Ok<CustomerResponse>> HandleAsync(
        Guid id, CustomerRequest request, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        var updated = await CustomerErrors.GuardDomainsAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var before = await CustomerResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw CustomerErrors.NotFoundError(id);
            EntityVersions.CheckIfMatch(http.Request, before.Version);

            var after = before with
            {
                Name = request.Name.Trim(),
                EmailDomains = request.NormalisedDomains(),
                TimeZone = request.TimeZone,
                TicketingPortalEnabled = request.TicketingPortalEnabled,
                KnowledgeBaseEnabled = request.KnowledgeBaseEnabled,
                Version = before.Version + 1,
                UpdatedAt = time.GetUtcNow(),
            };
            await using var update = connection.Sql("""
                update customers set name = $2, email_domains = $3, time_zone = $4, ticketing_portal_enabled = $5,
                                     knowledge_base_enabled = $6, version = $7, updated_at = $8
                where id = $1
                """)
                .With(id).With(after.Name).With(after.EmailDomains.ToArray()).With(after.TimeZone)
                .With(after.TicketingPortalEnabled).With(after.KnowledgeBaseEnabled).With(after.Version).With(after.UpdatedAt);
            await update.ExecuteNonQueryAsync(ct);
            await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "customer.updated", "customer", id, before, after, ct);
            await tx.CommitAsync(ct);
            return after;
        });
        http.Response.Headers.ETag = EntityVersions.ETag(updated.Version);
        return TypedResults.Ok(updated);
    }
}
