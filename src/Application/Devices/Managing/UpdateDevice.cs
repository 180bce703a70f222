using Marten;
using Npgsql;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Managing;

/// <summary>A technician renames a device or corrects its OS or agent id.</summary>
public sealed record UpdateDevice(Guid DeviceId, string Name, DeviceOs Os, string? AgentId, DeviceActor By, long? IfMatch = null);

public static class UpdateDeviceHandler
{
    public static async Task<DeviceWritten> Handle(
        UpdateDevice command, IDocumentSession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var stream = await DeviceWrites.FetchAsync(session, command.DeviceId, ct, command.IfMatch);
        var device = stream.Aggregate!;
        if (command.AgentId is { } agentId && agentId != device.AgentId)
        {
            await DeviceChecks.EnsureAgentIdFreeAsync(dataSource, device.CustomerId, agentId, device.Id, ct);
        }

        var now = clock.GetUtcNow();
        var events = DeviceDecisions.Update(device, command.Name, command.Os, command.AgentId, command.By.Id ?? Guid.Empty, now);
        return new DeviceWritten(command.DeviceId, DeviceWrites.Append(session, stream, command.By, now, events));
    }
}
