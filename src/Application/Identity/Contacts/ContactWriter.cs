using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Contacts;

/// <summary>Profile updates of a contact, shared by the technician endpoint and the contact's own <c>/api/me</c>.</summary>
public static class ContactWriter
{
    public const string NotFound = "contact.not_found";

    public static NotFoundException NotFoundError(Guid id) => new(NotFound, $"Contact {id} does not exist.");

    /// <summary>Writes <paramref name="after"/> (its version already bumped) over the locked row.</summary>
    public static async Task UpdateAsync(NpgsqlConnection connection, ContactResponse after, CancellationToken ct)
    {
        try
        {
            await using var user = connection.Sql("""
                update users set first_name = $2, last_name = $3, email = $4, language = $5, time_zone = $6,
                                 version = $7, updated_at = $8
                where id = $1
                """)
                .With(after.Id).With(after.FirstName).With(after.LastName).With(after.Email).With(after.Language)
                .With(after.TimeZone).With(after.Version).With(after.UpdatedAt);
            await user.ExecuteNonQueryAsync(ct);
            await using var contact = connection.Sql("update contacts set job_title = $2, phone = $3, is_primary = $4 where id = $1")
                .With(after.Id).With(after.JobTitle).With(after.Phone).With(after.IsPrimary);
            await contact.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("users_email_key"))
        {
            throw AccountWriter.EmailTakenError();
        }
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
