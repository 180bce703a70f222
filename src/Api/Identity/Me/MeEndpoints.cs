using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity.Auth;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Me;
using Wolverine;

namespace Ticketing.Api.Identity.Me;

/// <summary>The caller's own account: profile (P8) and password change.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder routes)
    {
        MapProfile(routes.MapGroup("/api/me").WithTags("Me").RequireAuthorization());

        // The portal's own address for the same profile (P8), so a portal client stays under /api/portal.
        MapProfile(routes.MapGroup("/api/portal/me").WithTags("Portal").RequireAuthorization(Policies.Contact));
        return routes;
    }

    private static void MapProfile(RouteGroupBuilder me)
    {
        me.MapGet("/", GetAsync);
        me.MapPut("/", UpdateProfileAsync).Validate<UpdateMyProfileRequest>().RequireAuthorization(Policies.Contact);
        me.MapPut("/password", ChangePasswordAsync).Validate<ChangePasswordRequest>().RequireRateLimiting(AuthRateLimiting.Policy);
    }

    public static async Task<Ok<ProfileResponse>> GetAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return TypedResults.Ok(await ProfileResponse.FindAsync(connection, caller.UserId, ct)
            ?? throw new NotFoundException("user.not_found", "The signed-in user no longer exists."));
    }

    /// <summary><c>PUT /api/me</c> for contacts.</summary>
    public static async Task<Ok<ProfileResponse>> UpdateProfileAsync(
        UpdateMyProfileRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(await bus.InvokeAsync<ProfileResponse>(
            new UpdateMyProfile(
                user.GetCurrentUser(), request.FirstName, request.LastName, request.JobTitle, request.Email, request.Phone,
                request.Language, request.TimeZone),
            ct));

    /// <summary>
    /// <c>PUT /api/me/password</c> (P8) for any signed-in user: needs the current password (a wrong one counts
    /// towards the lockout like a failed login), then revokes the user's other sessions.
    /// </summary>
    public static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new ChangePassword(user.GetCurrentUser(), request.CurrentPassword, request.NewPassword), ct);
        return TypedResults.NoContent();
    }
}
