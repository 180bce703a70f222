using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity.Accounts;

namespace Ticketing.Application.Identity.Contacts;

/// <summary>A technician replaces a contact's password with a generated one, returned once.</summary>
public sealed record RegenerateContactPassword(Guid Id, AuditActor By);

/// <summary>Sets the password (lifting a lockout), revokes the contact's sessions and audits it, in one transaction.</summary>
public static class RegenerateContactPasswordHandler
{
    public static async Task<ContactCredentials> Handle(
        RegenerateContactPassword command, NpgsqlDataSource dataSource, AccountWriter accounts, Sessions sessions, AuditLog audit,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var contact = await ContactResponse.FindAsync(connection, command.Id, forUpdate: true, ct) ?? throw ContactWriter.NotFoundError(command.Id);
        var password = PasswordGenerator.Password();
        await accounts.SetPasswordAsync(connection, command.Id, password, ct);
        var revoked = await sessions.RevokeAllAsync(connection, command.Id, keep: null, ct);
        await audit.WriteAsync(
            connection, command.By, "contact.password_regenerated", "contact", command.Id, null, new { RevokedSessions = revoked }, ct);
        await tx.CommitAsync(ct);
        return new ContactCredentials(contact.Username, password);
    }
}
