using System.Net;
using Ticketing.Api.Tests.Admin;
using Ticketing.Api.Tests.Identity;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Tests.Devices;

/// <summary>
/// A customer with self-service on, a contact with a verified phone, and a device of theirs driven by a simulated
/// agent: everything built through the HTTP API.
/// </summary>
public sealed record SelfServiceWorld(
    ApiFactory Api, ApiUser Admin, ApiUser Technician, Guid CustomerId, CreatedContact Contact, ApiUser Portal, string Phone, AgentSimulator Agent)
{
    public Guid DeviceId => Agent.DeviceId;

    public static async Task<SelfServiceWorld> BuildAsync(IdentityApiFactory api, string os = "Windows", bool verifyPhone = true, string language = "de")
    {
        var admin = await api.SignInAdminAsync();
        await admin.SwitchSelfServiceAsync(enabled: true);
        var technician = await api.SignInStaffAsync();
        var customer = await technician.CreateCustomerAsync();
        var contact = await technician.CreateContactAsync(customer, language: language);
        var agent = await api.EnrolledAgentAsync(await technician.EnrolmentKeyAsync(customer), $"agent-{Guid.NewGuid():N}", os);
        await technician.PutAsync<DeviceBody>($"/api/devices/{agent.DeviceId}/contact", new { contactId = contact.Id });
        var portal = await api.SignInAsync(contact);
        var phone = PhoneHttp.NewPhone();
        if (verifyPhone)
        {
            await portal.VerifyPhoneAsync(api, phone);
        }

        return new SelfServiceWorld(api, admin, technician, customer, contact, portal, phone, agent);
    }

    /// <summary>Asks for the action; expects 202 and returns the action's id.</summary>
    public async Task<Guid> RequestAsync(string kind, Guid? applicationId = null) =>
        (await Portal.PostAsync<ActionRequestedBody>($"/api/portal/devices/{DeviceId}/actions", new { kind, applicationId }, HttpStatusCode.Accepted)).ActionId;

    public Task<DeviceActionBody> ConfirmAsync(Guid actionId, string? code = null) =>
        Portal.PostAsync<DeviceActionBody>($"/api/portal/devices/{DeviceId}/actions/{actionId}/confirm", new { code = code ?? Api.LatestCodeTo(Phone) }, HttpStatusCode.OK);

    public async Task<int> HistoryLengthAsync() => (await Technician.HistoryAsync(DeviceId)).Count;
}

public static class SelfServiceSwitch
{
    public static Task SwitchSelfServiceAsync(this ApiUser admin, bool enabled, params Guid[] customers) =>
        admin.ChangeSectionAsync<PortalSection>(p => p with { SelfServiceEnabled = enabled, SelfServiceCustomerIds = customers });
}

public sealed record ActionRequestedBody(Guid ActionId, DateTimeOffset CodeExpiresAt);

public sealed record DeviceActionBody(Guid Id, string Kind, string? Package, string Status, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt);

public sealed record ApplicationBody(Guid Id, string Name, string? WindowsPackage, string? MacOsPackage, IReadOnlyList<Guid> CustomerIds);
