using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Devices.Agents;
using Ticketing.Api.Hosting.Validation;
using Ticketing.Api.Identity;
using Ticketing.Application.Audit;
using Ticketing.Application.Devices;
using Ticketing.Application.Devices.SelfService;
using Ticketing.Application.Errors;
using Ticketing.Domain.Devices;
using Wolverine;

namespace Ticketing.Api.Devices;

/// <summary><c>POST /api/portal/devices/{id}/actions</c>: the action, and for an installation the catalogue's application.</summary>
public sealed record DeviceActionRequest(DeviceActionKind? Kind, Guid? ApplicationId);

/// <summary><c>POST /api/admin/self-service/applications</c>: an application and its package id per platform.</summary>
public sealed record ApplicationRequest(string Name, string? WindowsPackage, string? MacOsPackage, IReadOnlyList<Guid>? CustomerIds);

/// <summary>A contact's action on a device, as the portal lists it.</summary>
public sealed record DeviceActionView(Guid Id, DeviceActionKind Kind, string? Package, string Status, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt);

public sealed class DeviceActionRequestValidator : AbstractValidator<DeviceActionRequest>
{
    public DeviceActionRequestValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.ApplicationId).NotNull().NotEqual(Guid.Empty).When(r => r.Kind == DeviceActionKind.InstallApplication)
            .WithMessage("An installation names the application to install.");
        RuleFor(r => r.ApplicationId).Null().When(r => r.Kind != DeviceActionKind.InstallApplication)
            .WithMessage("Only an installation names an application.");
    }
}

public sealed class ApplicationRequestValidator : AbstractValidator<ApplicationRequest>
{
    public ApplicationRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.WindowsPackage).MaximumLength(200).Matches("^[A-Za-z0-9._+-]+$").When(r => r.WindowsPackage is not null);
        RuleFor(r => r.MacOsPackage).MaximumLength(200).Matches("^[A-Za-z0-9@._+/-]+$").When(r => r.MacOsPackage is not null);
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.WindowsPackage) || !string.IsNullOrWhiteSpace(r.MacOsPackage))
            .WithName("windowsPackage").WithMessage("A Chocolatey (Windows) or Homebrew (macOS) package id is required.");
        RuleForEach(r => r.CustomerIds).NotEqual(Guid.Empty);
    }
}

/// <summary>
/// Self-service actions for contacts (P13): ask for an action on an assigned device (a code goes by SMS), confirm it with
/// the code (the agent gets it), and follow it; the admin's approved application catalogue. The section is switched
/// in the portal settings (P11): off for all, or on for chosen customers.
/// </summary>
public static class SelfServiceEndpoints
{
    public const string Disabled = "self_service.disabled";

    public static IEndpointRouteBuilder MapSelfServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var portal = routes.MapGroup("/api/portal/devices/{id:guid}").WithTags("Portal self-service").RequireAuthorization(Policies.Contact);
        portal.MapGet("/actions", ListActionsAsync);
        portal.MapPost("/actions", RequestAsync).Validate<DeviceActionRequest>();
        portal.MapPost("/actions/{actionId:guid}/confirm", ConfirmAsync).Validate<Sms.SmsCodeRequest>();
        portal.MapGet("/applications", ApplicationsAsync);

        var catalogue = routes.MapGroup("/api/admin/self-service/applications").WithTags("Self-service catalogue").RequireAuthorization(Policies.Admin);
        catalogue.MapGet("/", async (NpgsqlDataSource dataSource, CancellationToken ct) =>
            TypedResults.Ok(await ApprovedApplicationHandler.ListAsync(dataSource, null, null, ct)));
        catalogue.MapPost("/", ApproveAsync).Validate<ApplicationRequest>();
        catalogue.MapDelete("/{id:guid}", WithdrawAsync);
        return routes;
    }

    internal static async Task<Accepted<DeviceActionRequestedResult>> RequestAsync(
        Guid id, DeviceActionRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CurrentSettings settings, CancellationToken ct)
    {
        var caller = await SwitchedOnAsync(user, settings, ct);
        var requested = await bus.InvokeAsync<DeviceActionRequestedResult>(
            new RequestDeviceAction(id, caller.UserId, request.Kind!.Value, request.ApplicationId, AgentEndpoints.From(http)), ct);
        return TypedResults.Accepted($"/api/portal/devices/{id}/actions", requested);
    }

    internal static async Task<Ok<DeviceActionView>> ConfirmAsync(
        Guid id, Guid actionId, Sms.SmsCodeRequest request, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CurrentSettings settings,
        AgentSignals signals, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var caller = await SwitchedOnAsync(user, settings, ct);
        await bus.InvokeAsync<DeviceWritten>(new ConfirmDeviceAction(id, actionId, caller.UserId, request.Code, AgentEndpoints.From(http)), ct);
        signals.Notify(id);
        return TypedResults.Ok((await DeviceQueries.ActionsOfContactAsync(dataSource, id, caller.UserId, ct)).Single(a => a.Id == actionId));
    }

    internal static async Task<Ok<IReadOnlyList<DeviceActionView>>> ListActionsAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, CurrentSettings settings, CancellationToken ct)
    {
        var caller = await SwitchedOnAsync(user, settings, ct);
        _ = await DeviceQueries.FindAsync(dataSource, id, caller.UserId, ct) ?? throw DeviceWrites.NotFound(id);
        return TypedResults.Ok(await DeviceQueries.ActionsOfContactAsync(dataSource, id, caller.UserId, ct));
    }

    /// <summary>What the contact may install on this device: approved for the customer and offered on its platform.</summary>
    internal static async Task<Ok<IReadOnlyList<ApprovedApplication>>> ApplicationsAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, CurrentSettings settings, CancellationToken ct)
    {
        var caller = await SwitchedOnAsync(user, settings, ct);
        var device = await DeviceQueries.FindAsync(dataSource, id, caller.UserId, ct) ?? throw DeviceWrites.NotFound(id);
        var applications = await ApprovedApplicationHandler.ListAsync(dataSource, null, device.CustomerId, ct);
        return TypedResults.Ok<IReadOnlyList<ApprovedApplication>>([.. applications.Where(a => a.PackageFor(device.Os) is not null)]);
    }

    private static async Task<Created<ApprovedApplication>> ApproveAsync(ApplicationRequest request, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var application = await bus.InvokeAsync<ApprovedApplication>(new ApproveApplication(
            request.Name.Trim(), Blank(request.WindowsPackage), Blank(request.MacOsPackage), [.. (request.CustomerIds ?? []).Distinct()],
            AuditActor.Of(user.GetCurrentUser())), ct);
        return TypedResults.Created($"/api/admin/self-service/applications/{application.Id}", application);
    }

    private static async Task<NoContent> WithdrawAsync(Guid id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        await bus.InvokeAsync(new WithdrawApplication(id, AuditActor.Of(user.GetCurrentUser())), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// P11 on a whole route group of the contact's self-service side (the devices, the phone): refused with 403
    /// <c>self_service.disabled</c> like the action routes while the section is off for the contact's customer.
    /// </summary>
    internal static RouteGroupBuilder RequireSelfService(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        await SwitchedOnAsync(http.User, http.RequestServices.GetRequiredService<CurrentSettings>(), http.RequestAborted);
        return await next(context);
    });

    /// <summary>P11: the section is off for everyone, or on for every or some customers (the portal settings).</summary>
    internal static async Task<Application.Identity.CurrentUser> SwitchedOnAsync(ClaimsPrincipal user, CurrentSettings settings, CancellationToken ct)
    {
        var caller = user.GetCurrentUser();
        var portal = (await settings.LoadAsync(ct)).Portal;
        return caller.CustomerId is { } customer && portal.SelfServiceFor(customer)
            ? caller
            : throw new ForbiddenException(Disabled, "Self-service is turned off for this customer.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
