using Npgsql;

namespace Ticketing.Application.Identity.Staff;

/// <summary>A staff or taskfire user as the admin API returns it; also the audit snapshot. <see cref="DeactivatedAt"/> null: active.</summary>
public sealed record StaffUserResponse(
    Guid Id,
    string Role,
    Guid? CustomerId,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string Language,
    string TimeZone,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeactivatedAt = null)
{
    public const string Columns =
        "id, role, customer_id, username, email, first_name, last_name, language, time_zone, locked_until, created_at, deactivated_at";

    public static StaffUserResponse Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetGuid(2), row.GetString(3), row.GetString(4),
        row.GetString(5), row.GetString(6), row.GetString(7), row.GetString(8),
        row.IsDBNull(9) ? null : row.GetFieldValue<DateTimeOffset>(9), row.GetFieldValue<DateTimeOffset>(10),
        row.IsDBNull(11) ? null : row.GetFieldValue<DateTimeOffset>(11));
}

/// <summary>The 201 body of a staff user creation: the password is in this response only.</summary>
public sealed record StaffUserCreatedResponse(StaffUserResponse User, string Username, string Password);
