using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Customers;

/// <summary><c>GET /api/customers</c> (by name, keyset paging) and <c>GET /api/customers/{id}</c>.</summary>
public static class CustomerQueries
{
    public static async Task<Ok<Page<CustomerResponse>>> ListAsync(
        string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var keys = after is null ? null : Paging.Keys(after, 2);
        await using var command = dataSource.CreateCommand($"""
            select {CustomerResponse.Columns} from customers
            where $1::text is null or (name, id) > ($1, $2::uuid)
            order by name, id
            limit $3
            """)
            .With(keys?[0]).With(keys is null ? null : Paging.GuidKey(keys[1])).With(size + 1);
        var rows = new List<CustomerResponse>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(CustomerResponse.Read(reader));
            }
        }

        return TypedResults.Ok(Paging.Of(rows, size, c => Paging.Cursor(c.Name, c.Id.ToString())));
    }

    public static async Task<Ok<CustomerResponse>> GetAsync(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var customer = await CustomerResponse.FindAsync(connection, id, forUpdate: false, ct) ?? throw CustomerErrors.NotFoundError(id);
        http.Response.Headers.ETag = EntityVersions.ETag(customer.Version);
        return TypedResults.Ok(customer);
    }
}
