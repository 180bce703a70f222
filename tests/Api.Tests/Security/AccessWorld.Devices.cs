using System.Net;
using Ticketing.Api.Tests.Devices;

namespace Ticketing.Api.Tests.Security;

/// <summary>
/// The devices part of the world (P13): company A's device assigned to the contact, self-service on for everyone, the
/// contact's phone verified; made on first use, so the rest of the matrix runs as before.
/// </summary>
public sealed partial class AccessWorld
{
    private Guid? _deviceA;

    /// <summary>Company A's device, assigned to <see cref="Who.Contact"/>, whose phone is verified.</summary>
    public async Task<Guid> DeviceAAsync()
    {
        if (_deviceA is { } known)
        {
            return known;
        }

        await AdminUser.SwitchSelfServiceAsync(enabled: true);
        _deviceA = await FreshDeviceAsync();
        await UserFor(Who.Contact).VerifyPhoneAsync(api, PhoneHttp.NewPhone());
        return _deviceA.Value;
    }

    /// <summary>A new device of company A, assigned to <see cref="Who.Contact"/>.</summary>
    public async Task<Guid> FreshDeviceAsync() =>
        (await AdminUser.CreateDeviceAsync(CustomerA, $"{Marker} laptop", contactId: this[Who.Contact].UserId)).Id;

    public Task<string> FreshEnrolmentKeyAsync() => AdminUser.EnrolmentKeyAsync(CustomerA);

    public async Task<Guid> FreshApplicationAsync() =>
        (await AdminUser.PostAsync<ApplicationBody>("/api/admin/self-service/applications", new { name = $"{Marker} app", windowsPackage = "7zip" })).Id;

    /// <summary>For a contact cell: a new number registered by that contact and the code the SMS brought; others get a dummy code.</summary>
    public async Task<string> FreshPhoneCodeAsync(Who who)
    {
        if (who is not (Who.Contact or Who.Primary or Who.OtherContact))
        {
            return "123456";
        }

        var phone = PhoneHttp.NewPhone();
        await UserFor(who).PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, HttpStatusCode.Accepted);
        return api.LatestCodeTo(phone);
    }

    /// <summary>For the contact's cell: a new action on company A's device and its code; for others any action id and code.</summary>
    public async Task<(Guid Device, Guid Action, string Code)> FreshActionAsync(Who who)
    {
        var device = await DeviceAAsync();
        if (who != Who.Contact)
        {
            return (device, Guid.NewGuid(), "123456");
        }

        var contact = UserFor(Who.Contact);
        var action = await contact.PostAsync<ActionRequestedBody>($"/api/portal/devices/{device}/actions", new { kind = "Lock" }, HttpStatusCode.Accepted);
        var phone = (await contact.GetAsync<PhoneStatusBody>("/api/portal/phone")).Phone!;
        return (device, action.ActionId, api.LatestCodeTo(phone));
    }
}
