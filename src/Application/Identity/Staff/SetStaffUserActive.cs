using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Staff;

/// <summary>An administrator deactivates (<paramref name="Active"/> false) or reactivates a staff or Taskfire user (ADR 0018).</summary>
public sealed record SetStaffUserActive(Guid UserId, bool Active, AuditActor By);

/// <summary>
/// Deactivating stamps <c>deactivated_at</c> and revokes every live session in the same transaction, so the user's
/// tokens stop working at once; sign-in and password reset then treat them as unknown, and they cannot be assigned
/// tickets or Taskfire copies. Reactivating clears the stamp (they sign in again). Both are idempotent and audited when
/// they change something. An administrator cannot deactivate themselves, so one active administrator always remains
/// to undo a mistake.
/// </summary>
public static class SetStaffUserActiveHandler
{
    public const string NotFound = "user.not_found";
    public const string CannotDeactivateSelf = "user.cannot_deactivate_self";

    public static async Task<StaffUserResponse> Handle(
        SetStaffUserActive command, NpgsqlDataSource dataSource, Sessions sessions, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await FindAsync(connection, command.UserId, ct)
            ?? throw new NotFoundException(NotFound, $"There is no staff or Taskfire user {command.UserId}.");
        if (!command.Active && command.UserId == command.By.Id)
        {
            throw new UnprocessableException(CannotDeactivateSelf, "An administrator cannot deactivate their own account.");
        }

        if (before.DeactivatedAt is null == command.Active)
        {
            return before;
        }

        await using (var update = connection.Sql("update users set deactivated_at = $2, updated_at = $3 where id = $1")
            .With(command.UserId).With(command.Active ? (DateTimeOffset?)null : clock.GetUtcNow()).With(clock.GetUtcNow()))
        {
            await update.ExecuteNonQueryAsync(ct);
        }

        var revoked = command.Active ? 0 : await sessions.RevokeAllAsync(connection, command.UserId, keep: null, ct);
        var after = (await FindAsync(connection, command.UserId, ct))!;
        await audit.WriteAsync(
            connection, command.By, command.Active ? "user.reactivated" : "user.deactivated", "user", command.UserId,
            before, new { after.DeactivatedAt, RevokedSessions = revoked }, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    private static async Task<StaffUserResponse?> FindAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var query = connection.Sql($"select {StaffUserResponse.Columns} from users where id = $1 and role <> '{Roles.Contact}' for update")
            .With(id);
        await using var reader = await query.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? StaffUserResponse.Read(reader) : null;
    }
}
