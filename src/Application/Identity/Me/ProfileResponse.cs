using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Me;

/// <summary>
/// The caller's own profile (P8). Job title, phone and primary flag exist for contacts only; the other
/// roles get them as null.
/// </summary>
public sealed record ProfileResponse(
    Guid Id,
    string Role,
    Guid? CustomerId,
    string Username,
    string FirstName,
    string LastName,
    string? JobTitle,
    string Email,
    string? Phone,
    string Language,
    string TimeZone,
    bool? IsPrimary)
{
    public static async Task<ProfileResponse?> FindAsync(NpgsqlConnection connection, Guid userId, CancellationToken ct)
    {
        await using var command = connection.Sql("""
            select u.id, u.role, u.customer_id, u.username, u.first_name, u.last_name, c.job_title, u.email, c.phone,
                   u.language, u.time_zone, c.is_primary
            from users u left join contacts c on c.id = u.id
            where u.id = $1
            """).With(userId);
        await using var row = await command.ExecuteReaderAsync(ct);
        return await row.ReadAsync(ct)
            ? new ProfileResponse(
                row.GetGuid(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetGuid(2), row.GetString(3), row.GetString(4),
                row.GetString(5), row.GetNullableString(6), row.GetString(7), row.GetNullableString(8), row.GetString(9),
                row.GetString(10), row.IsDBNull(11) ? null : row.GetBoolean(11))
            : null;
    }
}
