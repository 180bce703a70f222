using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Contacts;

/// <summary><c>PUT /api/contacts/{id}</c>: a technician edits a contact's profile and primary flag.</summary>
public static class UpdateContact
{
    public static async Task<Ok<ContactResponse>> HandleAsync(
        Guid id, ContactRequest request, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = await ContactResponse.FindAsync(connection, id, forUpdate: true, ct) ?? throw ContactWriter.NotFoundError(id);
        EntityVersions.CheckIfMatch(http.Request, before.Version);

        var after = before with
        {
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            JobTitle = ContactWriter.Blank(request.JobTitle),
            Email = request.Email.Trim(),
            Phone = ContactWriter.Blank(request.Phone),
            Language = request.Language ?? before.Language,
            TimeZone = request.TimeZone ?? before.TimeZone,
            IsPrimary = request.IsPrimary,
            Version = before.Version + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await ContactWriter.UpdateAsync(connection, after, ct);
        await audit.WriteAsync(connection, AuditActor.Of(user.GetCurrentUser()), "contact.updated", "contact", id, before, after, ct);
        await tx.CommitAsync(ct);
        http.Response.Headers.ETag = EntityVersions.ETag(after.Version);
        return TypedResults.Ok(after);
    }
}
