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
