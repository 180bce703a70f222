using Marten;
using Npgsql;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Managing;

/// <summary>A technician gives the device to one of its customer's contacts, or to nobody (null).</summary>
public sealed record AssignDevice(Guid DeviceId, Guid? ContactId, DeviceActor By, long? IfMatch = null);

public static class AssignDeviceHandler
{
    public static async Task<DeviceWritten> Handle(
        AssignDevice command, IDocumentSession session, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var stream = await DeviceWrites.FetchAsync(session, command.DeviceId, ct, command.IfMatch);
        var device = stream.Aggregate!;
        if (command.ContactId is { } contact && !device.IsRetired)
        {
            await DeviceChecks.EnsureContactOfAsync(dataSource, contact, device.CustomerId, ct);
        }

        var now = clock.GetUtcNow();
        var events = DeviceDecisions.Assign(device, command.ContactId, command.By.Id ?? Guid.Empty, now);
        return new DeviceWritten(command.DeviceId, DeviceWrites.Append(session, stream, command.By, now, events));
    }
}
