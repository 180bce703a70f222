using Marten;
using Ticketing.Application.Errors;
using Ticketing.Domain.Devices;

namespace Ticketing.Application.Devices.Agents;

/// <summary>The device's agent reports how an action it was given ended.</summary>
public sealed record ReportActionOutcome(Guid DeviceId, Guid ActionId, bool Completed, string? Detail, string? From);

public static class ReportActionOutcomeHandler
{
    public static async Task<DeviceWritten> Handle(ReportActionOutcome command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await DeviceWrites.FetchAsync(session, command.DeviceId, ct);
        var device = stream.Aggregate!;
        if (!device.Actions.ContainsKey(command.ActionId))
        {
            throw new NotFoundException(DeviceErrors.ActionNotFound, $"Action {command.ActionId} is not an action of this device.");
        }

        var now = clock.GetUtcNow();
        var outcome = DeviceDecisions.Outcome(device, command.ActionId, command.Completed, command.Detail, command.From, now);
        return new DeviceWritten(command.DeviceId, DeviceWrites.Append(session, stream, new DeviceActor(command.DeviceId, "agent"), now, outcome));
    }
}
