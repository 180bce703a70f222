using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Identity;
using Ticketing.Application.Identity.Staff;

namespace Ticketing.Api.Identity.Staff;

/// <summary><c>GET /api/admin/users?role=</c>: every user but contacts, keyset paging by id.</summary>
public static class StaffUserQueries
{
    public static async Task<Ok<Page<StaffUserResponse>>> ListAsync(
        string? role, string? after, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var size = Paging.Limit(limit);
        var afterId = after is null ? (Guid?)null : Paging.GuidKey(Paging.Keys(after, 1)[0]);
        await using var command = dataSource.CreateCommand($"""
            select {StaffUserResponse.Columns} from users
            where role <> '{Roles.Contact}' and ($1::text is null or role = $1) and ($2::uuid is null or id > $2)
            order by id
            limit $3
            """)
            .With(role).With(afterId).With(size + 1);
        var rows = new List<StaffUserResponse>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(StaffUserResponse.Read(reader));
            }
        }

        return TypedResults.Ok(Paging.Of(rows, size, u => Paging.Cursor(u.Id.ToString())));
    }
}
