using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Customers;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Identity.Contacts;

/// <summary><c>GET /api/contacts/{id}</c> and <c>GET /api/customers/{id}/contacts</c> (keyset paging by id).</summary>
public static class ContactQueries
{
    public static async Task<Ok<ContactResponse>> GetAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var contact = await ContactResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw ContactWriter.NotFoundError(id);
        http.Response.Headers.ETag = EntityVersions.ETag(contact.Version);
        return TypedResults.Ok(contact);
    }

    public static async Task<Ok<Page<ContactResponse>>> ListByCustomerAsync(
        Guid id, string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var afterId = after is null ? (Guid?)null : Paging.GuidKey(Paging.Keys(after, 1)[0]);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        _ = await CustomerResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw CustomerErrors.NotFoundError(id);

        await using var command = connection.Sql($"""
            {ContactResponse.Select}
            where u.customer_id = $1 and u.role = '{Roles.Contact}' and ($2::uuid is null or u.id > $2)
            order by u.id
            limit $3
            """)
            .With(id).With(afterId).With(size + 1);
        var rows = new List<ContactResponse>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(ContactResponse.Read(reader));
            }
        }

        return TypedResults.Ok(Paging.Of(rows, size, c => Paging.Cursor(c.Id.ToString())));
    }
}
