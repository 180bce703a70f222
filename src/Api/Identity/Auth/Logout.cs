using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Auth;

/// <summary><c>POST /api/auth/logout</c>: revokes the caller's session, so its token stops working on every node.</summary>
public static class Logout
{
    public static async Task<NoContent> HandleAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, Sessions sessions, AuditLog audit, CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await sessions.RevokeAsync(connection, caller.SessionId, ct))
        {
            await audit.WriteAsync(connection, AuditActor.Of(caller), "session.revoked", "session", caller.SessionId, null, null, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
