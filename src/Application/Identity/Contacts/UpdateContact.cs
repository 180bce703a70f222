using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Contacts;

/// <summary>
/// A technician edits a contact's profile and primary flag. Language and time zone left out stay as they are;
/// <see cref="IfMatch"/> is the request's raw header (absent: no check).
/// </summary>
public sealed record UpdateContact(
    Guid Id, string FirstName, string LastName, string? JobTitle, string Email, string? Phone, string? Language, string? TimeZone,
    bool IsPrimary, string? IfMatch, AuditActor By);

/// <summary>Locks the contact, checks its version, writes the new one and its audit entry in one transaction.</summary>
public static class UpdateContactHandler
{
    public static async Task<ContactResponse> Handle(
        UpdateContact command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await ContactResponse.FindAsync(connection, command.Id, forUpdate: true, ct) ?? throw ContactWriter.NotFoundError(command.Id);
        EntityVersions.CheckIfMatch(command.IfMatch, before.Version);

        var after = before with
        {
            FirstName = command.FirstName.Trim(),
            LastName = command.LastName.Trim(),
            JobTitle = ContactWriter.Blank(command.JobTitle),
            Email = command.Email.Trim(),
            Phone = ContactWriter.Blank(command.Phone),
            Language = command.Language ?? before.Language,
            TimeZone = command.TimeZone ?? before.TimeZone,
            IsPrimary = command.IsPrimary,
            Version = before.Version + 1,
            UpdatedAt = clock.GetUtcNow(),
        };
        await ContactWriter.UpdateAsync(connection, after, ct);
        await audit.WriteAsync(connection, command.By, "contact.updated", "contact", command.Id, before, after, ct);
        await tx.CommitAsync(ct);
        return after;
    }
}
