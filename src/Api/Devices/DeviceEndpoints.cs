using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Api.Tickets;
using Ticketing.Application.Devices;
using Ticketing.Application.Devices.Managing;
using Ticketing.Domain.Devices;
using Wolverine;

namespace Ticketing.Api.Devices;

/// <summary>Devices for technicians (P13): register, list, read, update, assign to a contact, retire, and the history.</summary>
public static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder routes)
    {
        var devices = routes.MapGroup("/api/devices").WithTags("Devices").RequireAuthorization(Policies.Technician);
        devices.MapPost("/", CreateAsync).Validate<CreateDeviceRequest>();
        devices.MapGet("/", DeviceQueries.ListAsync);
        devices.MapGet("/{id:guid}", DeviceQueries.GetAsync);
        devices.MapPut("/{id:guid}", UpdateAsync).Validate<UpdateDeviceRequest>();
        devices.MapPut("/{id:guid}/contact", AssignAsync).Validate<AssignDeviceRequest>();
        devices.MapPost("/{id:guid}/retire", RetireAsync);
        // Technicians and auditors read what happened on a device (T11 for devices).
        routes.MapGet("/api/devices/{id:guid}/history", DeviceQueries.HistoryAsync).WithTags("Devices").RequireAuthorization(Policies.Staff);

        var portal = routes.MapGroup("/api/portal/devices").WithTags("Portal devices").RequireAuthorization(Policies.Contact)
            .RequireSelfService();
        portal.MapGet("/", ListMineAsync);
        portal.MapGet("/{id:guid}", GetMineAsync);
        return routes;
    }

    private static async Task<Created<DeviceResponse>> CreateAsync(
        CreateDeviceRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var written = await bus.InvokeAsync<DeviceWritten>(new RegisterDevice(
            Guid.CreateVersion7(), request.CustomerId, request.Name.Trim(), request.Os!.Value, Blank(request.AgentId), request.ContactId,
            Actor(user)), ct);
        return TypedResults.Created($"/api/devices/{written.DeviceId}", await ReadAsync(http, dataSource, written, ct));
    }

    // If-Match (optional, the version of GET's ETag) guards the technicians' changes against lost updates: a device
    // changed since is 412 and nothing is written (ADR 0030).
    private static async Task<Ok<DeviceResponse>> UpdateAsync(
        Guid id, UpdateDeviceRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(http, dataSource, await bus.InvokeAsync<DeviceWritten>(
            new UpdateDevice(id, request.Name.Trim(), request.Os!.Value, Blank(request.AgentId), Actor(user), ETags.IfMatch(http.Request)), ct), ct));

    private static async Task<Ok<DeviceResponse>> AssignAsync(
        Guid id, AssignDeviceRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(http, dataSource, await bus.InvokeAsync<DeviceWritten>(
            new AssignDevice(id, request.ContactId, Actor(user), ETags.IfMatch(http.Request)), ct), ct));

    private static async Task<Ok<DeviceResponse>> RetireAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, IMessageBus bus, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(http, dataSource, await bus.InvokeAsync<DeviceWritten>(new RetireDevice(id, Actor(user), ETags.IfMatch(http.Request)), ct), ct));

    /// <summary><c>GET /api/portal/devices</c>: the contact's own live devices, the only ones actions are offered on.</summary>
    internal static async Task<Ok<IReadOnlyList<DeviceResponse>>> ListMineAsync(ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await DeviceQueries.OfContactAsync(dataSource, user.GetCurrentUser().UserId, ct));

    /// <summary><c>GET /api/portal/devices/{id}</c>: another contact's or customer's device is the same 404 as a missing one.</summary>
    internal static async Task<Ok<DeviceResponse>> GetMineAsync(Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, CancellationToken ct) =>
        TypedResults.Ok(await DeviceQueries.FindAsync(dataSource, id, user.GetCurrentUser().UserId, ct) ?? throw DeviceWrites.NotFound(id));

    internal static DeviceActor Actor(ClaimsPrincipal user)
    {
        var caller = user.GetCurrentUser();
        return new DeviceActor(caller.UserId, caller.Role);
    }

    /// <summary>The device as written, with its version as the ETag a following change may send back in If-Match.</summary>
    private static async Task<DeviceResponse> ReadAsync(HttpContext http, NpgsqlDataSource dataSource, DeviceWritten written, CancellationToken ct)
    {
        var device = await DeviceQueries.FindAsync(dataSource, written.DeviceId, null, ct) ?? throw DeviceWrites.NotFound(written.DeviceId);
        ETags.Set(http.Response, device.Version);
        return device;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
