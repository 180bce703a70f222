using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Accounts;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Contacts;

/// <summary>
/// <c>POST /api/contacts/{id}/password</c>: a technician replaces a contact's password with a generated one,
/// returned once. The contact's sessions are revoked and a lockout is lifted.
/// </summary>
public static class RegenerateContactPassword
{
    public static async Task<Ok<ContactCredentials>> HandleAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, AccountWriter accounts, Sessions sessions, AuditLog audit,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var contact = await ContactResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw ContactWriter.NotFoundError(id);
        var password = PasswordGenerator.Password();
        await accounts.SetPasswordAsync(connection, id, password, ct);
        var revoked = await sessions.RevokeAllAsync(connection, id, keep: null, ct);
        await audit.WriteAsync(
            connection, AuditActor.Of(user.GetCurrentUser()), "contact.password_regenerated", "contact", id,
            null, new { RevokedSessions = revoked }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ContactCredentials(contact.Username, password));
    }
}
