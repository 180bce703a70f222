namespace Ticketing.Api.Tests.Devices;

/// <summary>Device steps as a technician or contact takes them over HTTP.</summary>
public static class DeviceHttp
{
    public static Task<DeviceBody> CreateDeviceAsync(
        this ApiUser technician, Guid customerId, string name = "Laptop 7", string os = "Windows", Guid? contactId = null, string? agentId = null) =>
        technician.PostAsync<DeviceBody>("/api/devices", new { customerId, name, os, agentId, contactId });

    public static Task<IReadOnlyList<DeviceHistoryBody>> HistoryAsync(this ApiUser staff, Guid deviceId) =>
        staff.GetAsync<IReadOnlyList<DeviceHistoryBody>>($"/api/devices/{deviceId}/history");
}

/// <summary>Agent steps: the technician's enrolment key and a simulated agent on the test host.</summary>
public static class AgentHttp
{
    public static async Task<string> EnrolmentKeyAsync(this ApiUser technician, Guid customerId) =>
        (await technician.PostAsync<EnrolmentKeyBody>($"/api/customers/{customerId}/agent-enrolment-key", new { })).EnrolmentKey;

    public static AgentSimulator Agent(this ApiFactory api) => new(api.CreateClient());

    /// <summary>A simulated agent enrolled for the customer under <paramref name="agentId"/>.</summary>
    public static async Task<AgentSimulator> EnrolledAgentAsync(this ApiFactory api, string enrolmentKey, string agentId, string os = "Windows")
    {
        var agent = api.Agent();
        using var response = await agent.EnrolAsync(enrolmentKey, agentId, os: os);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return agent;
    }
}

/// <summary>Phone verification steps of a contact.</summary>
public static class PhoneHttp
{
    /// <summary>Registers <paramref name="phone"/> and confirms it with the code the SMS brought.</summary>
    public static async Task VerifyPhoneAsync(this ApiUser contact, ApiFactory api, string phone)
    {
        await contact.PostAsync<CodeSentBody>("/api/portal/phone", new { phone }, System.Net.HttpStatusCode.Accepted);
        await contact.PostAsync<PhoneStatusBody>("/api/portal/phone/confirm", new { code = api.LatestCodeTo(phone) }, System.Net.HttpStatusCode.OK);
    }

    public static string NewPhone() => $"+4179{Random.Shared.Next(1_000_000, 9_999_999)}";
}

public sealed record CodeSentBody(DateTimeOffset ExpiresAt);

public sealed record PhoneStatusBody(string? Phone, bool Verified, DateTimeOffset? VerifiedAt);
