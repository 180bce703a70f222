using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity.Auth;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Identity.Me;

/// <summary>The caller's own account: profile (P8) and password change.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapGet("/", GetAsync);
        me.MapPut("/", UpdateMyProfile.HandleAsync).Validate<UpdateMyProfileRequest>().RequireAuthorization(Policies.Contact);
        me.MapPut("/password", ChangePassword.HandleAsync).Validate<ChangePasswordRequest>().RequireRateLimiting(AuthRateLimiting.Policy);
        return routes;
    }

    public static async Task<Ok<ProfileResponse>> GetAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return TypedResults.Ok(await ProfileResponse.FindAsync(connection, caller.UserId, ct)
            ?? throw new NotFoundException("user.not_found", "The signed-in user no longer exists."));
    }
}
