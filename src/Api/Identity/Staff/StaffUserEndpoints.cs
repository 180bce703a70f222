using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Application.Identity.Staff;
using Wolverine;

namespace Ticketing.Api.Identity.Staff;

/// <summary>Staff and taskfire users, for administrators.</summary>
public static class StaffUserEndpoints
{
    public static IEndpointRouteBuilder MapStaffUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/admin/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapPost("/", CreateAsync).Validate<CreateStaffUserRequest>();
        users.MapGet("/", StaffUserQueries.ListAsync);
        users.MapPost("/{id:guid}/deactivate", (Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) => SetActiveAsync(id, false, user, bus, ct));
        users.MapPost("/{id:guid}/reactivate", (Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) => SetActiveAsync(id, true, user, bus, ct));
        return routes;
    }

    /// <summary><c>POST /api/admin/users</c>: an administrator creates a staff or taskfire user with a generated password.</summary>
    private static async Task<Created<StaffUserCreatedResponse>> CreateAsync(
        CreateStaffUserRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var created = await bus.InvokeAsync<StaffUserCreatedResponse>(
            new CreateStaffUser(
                request.Role, request.Email, request.FirstName, request.LastName, request.Language, request.TimeZone,
                request.CustomerId, AuditActor.Of(user.GetCurrentUser())),
            ct);
        return TypedResults.Created($"/api/admin/users/{created.User.Id}", created);
    }

    /// <summary>
    /// <c>POST /api/admin/users/{id}/deactivate</c> and <c>/reactivate</c>: the user as it now is. Deactivating revokes
    /// their sessions, refuses their sign-in and makes them unassignable (ADR 0018).
    /// </summary>
    private static async Task<Ok<StaffUserResponse>> SetActiveAsync(Guid id, bool active, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        TypedResults.Ok(await bus.InvokeAsync<StaffUserResponse>(new SetStaffUserActive(id, active, AuditActor.Of(user.GetCurrentUser())), ct));
}
