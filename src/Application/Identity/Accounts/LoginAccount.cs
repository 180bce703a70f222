using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>The columns of <c>users</c> that sign-in, lockout and password reset need.</summary>
public sealed record LoginAccount(
    Guid Id, string Role, Guid? CustomerId, string Email, string FirstName, string Language, string PasswordHash, DateTimeOffset? LockedUntil)
{
    /// <summary>
    /// By email when <paramref name="login"/> has an <c>@</c> (usernames never do), else by username; a deactivated user is
    /// not found, so their sign-in and password reset fail exactly like an unknown login's.
    /// </summary>
    public static async Task<LoginAccount?> FindAsync(NpgsqlConnection connection, string login, bool forUpdate, CancellationToken ct)
    {
        var column = login.Contains('@', StringComparison.Ordinal) ? "email" : "username";
        await using var command = connection.Sql($"""
            select id, role, customer_id, email, first_name, language, password_hash, locked_until
            from users where lower({column}) = lower($1) and deactivated_at is null{(forUpdate ? " for update" : "")}
            """)
            .With(login.Trim());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new LoginAccount(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetNullableInstant(7))
            : null;
    }

    public static async Task<LoginAccount?> GetAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            select id, role, customer_id, email, first_name, language, password_hash, locked_until
            from users where id = $1 for update
            """)
            .With(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new LoginAccount(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetNullableInstant(7))
            : null;
    }
}
