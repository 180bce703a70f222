using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Devices;
using Ticketing.Api.Devices.Agents;
using Ticketing.Api.Sms;
using Ticketing.Application.Devices.SelfService;
using Ticketing.Application.Sms;
using Ticketing.Domain.Devices;
using Wolverine;

namespace Ticketing.Api.Portal.Web.Devices;

/// <summary>
/// <c>/portal/devices</c> (P13): the contact's devices and their phone for SMS codes ("save and send code", then the
/// code). The page calls the portal API's own endpoint methods and validators; the self-service switch (P11) is the
/// API's check, and off, the page leads home like any section switched off.
/// </summary>
public sealed class DevicesModel(PortalContexts contexts, NpgsqlDataSource dataSource, IMessageBus bus, CurrentSettings settings) : PortalPageModel(contexts)
{
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<DeviceResponse> Devices { get; private set; } = [];

    public PhoneStatus Phone { get; private set; } = new(null, false, null);

    /// <summary>The number a code was just sent to, while it waits for the code (the query's, then the code form's).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sent { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await SelfServiceEndpoints.SwitchedOnAsync(User, settings, ct);
        await UseContactTimeZoneAsync(ct);
        Devices = (await DeviceEndpoints.ListMineAsync(User, dataSource, ct)).Value!;
        Phone = (await PhoneEndpoints.StatusAsync(User, dataSource, ct)).Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterPhoneAsync(string? phone, CancellationToken ct)
    {
        await SelfServiceEndpoints.SwitchedOnAsync(User, settings, ct);
        var request = new RegisterPhoneRequest(phone?.Trim() ?? "");
        if (await TryAsync(async () =>
            {
                await new RegisterPhoneRequestValidator().ValidateAndThrowAsync(request, ct);
                await PhoneEndpoints.RegisterAsync(request, User, bus, ct);
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/devices?sent={Uri.EscapeDataString(request.Phone)}");
        }

        return await AgainAsync(ct);
    }

    public async Task<IActionResult> OnPostConfirmPhoneAsync(string? code, CancellationToken ct)
    {
        await SelfServiceEndpoints.SwitchedOnAsync(User, settings, ct);
        var request = new SmsCodeRequest(code?.Trim() ?? "");
        if (await TryAsync(async () =>
            {
                await new SmsCodeRequestValidator().ValidateAndThrowAsync(request, ct);
                await PhoneEndpoints.ConfirmAsync(request, User, bus, ct);
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/devices?done=phone");
        }

        return await AgainAsync(ct);
    }

    private async Task<IActionResult> AgainAsync(CancellationToken ct)
    {
        var status = Response.StatusCode;
        await OnGetAsync(ct);
        Response.StatusCode = status;
        return Page();
    }
}

/// <summary>
/// <c>/portal/devices/{id}</c> (P13): one of the contact's devices, the actions offered on it, the code form of an
/// action waiting for its SMS code, and the contact's actions so far. Another contact's device is the API's 404.
/// </summary>
public sealed class DeviceModel(
    PortalContexts contexts, NpgsqlDataSource dataSource, IMessageBus bus, CurrentSettings settings, AgentSignals signals) : PortalPageModel(contexts)
{
    /// <summary>The actions offered with a button of their own; installations name an application.</summary>
    public static IReadOnlyList<DeviceActionKind> Buttons { get; } =
        [DeviceActionKind.Restart, DeviceActionKind.Lock, DeviceActionKind.Shutdown, DeviceActionKind.Logout, DeviceActionKind.ResetPassword];

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>The action waiting for the code the contact was just sent.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Action { get; set; }

    public DeviceResponse? Device { get; private set; }

    public IReadOnlyList<DeviceActionView> Actions { get; private set; } = [];

    public IReadOnlyList<ApprovedApplication> Applications { get; private set; } = [];

    public PhoneStatus Phone { get; private set; } = new(null, false, null);

    public DeviceActionView? Waiting => Actions.FirstOrDefault(a => a.Id == Action && a.Status == "requested");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await SelfServiceEndpoints.SwitchedOnAsync(User, settings, ct);
        await UseContactTimeZoneAsync(ct);
        var found = await TryAsync(async () =>
        {
            Device = (await DeviceEndpoints.GetMineAsync(id, User, dataSource, ct)).Value;
            Actions = (await SelfServiceEndpoints.ListActionsAsync(id, User, dataSource, settings, ct)).Value!;
            Applications = (await SelfServiceEndpoints.ApplicationsAsync(id, User, dataSource, settings, ct)).Value!;
        });
        if (found)
        {
            Phone = (await PhoneEndpoints.StatusAsync(User, dataSource, ct)).Value!;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRequestAsync(Guid id, DeviceActionKind? kind, Guid? applicationId, CancellationToken ct)
    {
        await SelfServiceEndpoints.SwitchedOnAsync(User, settings, ct);
        var request = new DeviceActionRequest(kind, applicationId);
        Guid requested = default;
        if (await TryAsync(async () =>
            {
                await new DeviceActionRequestValidator().ValidateAndThrowAsync(request, ct);
                requested = (await SelfServiceEndpoints.RequestAsync(id, request, User, HttpContext, bus, settings, ct)).Value!.ActionId;
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/devices/{id}?action={requested}");
        }

        return await AgainAsync(id, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, Guid actionId, string? code, CancellationToken ct)
    {
        await SelfServiceEndpoints.SwitchedOnAsync(User, settings, ct);
        var request = new SmsCodeRequest(code?.Trim() ?? "");
        Action = actionId;
        if (await TryAsync(async () =>
            {
                await new SmsCodeRequestValidator().ValidateAndThrowAsync(request, ct);
                await SelfServiceEndpoints.ConfirmAsync(id, actionId, request, User, HttpContext, bus, settings, signals, dataSource, ct);
            }))
        {
            return LocalRedirect($"{PortalWebServices.BasePath}/devices/{id}?done=confirmed");
        }

        return await AgainAsync(id, ct);
    }

    private async Task<IActionResult> AgainAsync(Guid id, CancellationToken ct)
    {
        var status = Response.StatusCode;
        await OnGetAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }
}
