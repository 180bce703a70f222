using Npgsql;

namespace Ticketing.Application.Identity.Contacts;

/// <summary>A contact as the staff API returns it (never its password); also the audit snapshot.</summary>
public sealed record ContactResponse(
    Guid Id,
    Guid CustomerId,
    string Username,
    string FirstName,
    string LastName,
    string? JobTitle,
    string Email,
    string? Phone,
    string Language,
    string TimeZone,
    bool IsPrimary,
    DateTimeOffset? LockedUntil,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string Select = """
        select u.id, u.customer_id, u.username, u.first_name, u.last_name, c.job_title, u.email, c.phone, u.language,
               u.time_zone, c.is_primary, u.locked_until, u.version, u.created_at, u.updated_at
        from users u join contacts c on c.id = u.id
        """;

    public static ContactResponse Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetGuid(1), row.GetString(2), row.GetString(3), row.GetString(4),
        row.IsDBNull(5) ? null : row.GetString(5), row.GetString(6), row.IsDBNull(7) ? null : row.GetString(7),
        row.GetString(8), row.GetString(9), row.GetBoolean(10),
        row.IsDBNull(11) ? null : row.GetFieldValue<DateTimeOffset>(11), row.GetInt32(12),
        row.GetFieldValue<DateTimeOffset>(13), row.GetFieldValue<DateTimeOffset>(14));

    public static async Task<ContactResponse?> FindAsync(NpgsqlConnection connection, Guid id, bool forUpdate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"{Select} where u.id = $1{(forUpdate ? " for update of u, c" : "")}", connection)
        {
            Parameters = { new() { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }
}

/// <summary>Credentials shown exactly once: in the response that created or regenerated them.</summary>
public sealed record ContactCredentials(string Username, string Password);

/// <summary>The 201 body of a contact creation.</summary>
public sealed record ContactCreatedResponse(ContactResponse Contact, ContactCredentials Credentials);
