using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Identity.Contacts;

namespace Ticketing.Application.Identity.Me;

/// <summary>A contact edits its own profile (P8); the primary flag is the MSP's to set.</summary>
public sealed record UpdateMyProfile(
    CurrentUser Caller, string FirstName, string LastName, string? JobTitle, string Email, string? Phone, string Language, string TimeZone);

/// <summary>Writes the caller's contact row and its audit entry in one transaction, then reads the profile back.</summary>
public static class UpdateMyProfileHandler
{
    public static async Task<ProfileResponse> Handle(
        UpdateMyProfile command, NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var userId = command.Caller.UserId;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var before = await ContactResponse.FindAsync(connection, userId, forUpdate: true, ct) ?? throw ContactWriter.NotFoundError(userId);
            var after = before with
            {
                FirstName = command.FirstName.Trim(),
                LastName = command.LastName.Trim(),
                JobTitle = ContactWriter.Blank(command.JobTitle),
                Email = command.Email.Trim(),
                Phone = ContactWriter.Blank(command.Phone),
                Language = command.Language,
                TimeZone = command.TimeZone,
                Version = before.Version + 1,
                UpdatedAt = clock.GetUtcNow(),
            };
            await ContactWriter.UpdateAsync(connection, after, ct);
            await audit.WriteAsync(connection, AuditActor.Of(command.Caller), "contact.updated", "contact", userId, before, after, ct);
            await tx.CommitAsync(ct);
        }

        return (await ProfileResponse.FindAsync(connection, userId, ct))!;
    }
}
