using Marten;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Managing;

/// <summary>A technician retires a device: it keeps its history, loses its contact, and its agent's credential stops working.</summary>
public sealed record RetireDevice(Guid DeviceId, DeviceActor By, long? IfMatch = null);

public static class RetireDeviceHandler
{
    public static async Task<DeviceWritten> Handle(RetireDevice command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await DeviceWrites.FetchAsync(session, command.DeviceId, ct, command.IfMatch);
        var now = clock.GetUtcNow();
        var events = DeviceDecisions.Retire(stream.Aggregate!, command.By.Id ?? Guid.Empty, now);
        return new DeviceWritten(command.DeviceId, DeviceWrites.Append(session, stream, command.By, now, events));
    }
}
