using Marten;
using Ticketing.Domain.Devices;

namespace Ticketing.Projections.Devices;

/// <summary>The stored aliases of device events (P13); like ticket aliases they never change once written.</summary>
public static class DeviceEventTypes
{
    /// <summary>Every device event type and its alias.</summary>
    public static IReadOnlyList<(Type Type, string Alias)> All { get; } =
    [
        (typeof(DeviceRegistered), "device.registered"),
        (typeof(DeviceUpdated), "device.updated"),
        (typeof(DeviceAssigned), "device.assigned"),
        (typeof(DeviceRetired), "device.retired"),
        (typeof(DeviceAgentEnrolled), "device.agent_enrolled"),
        (typeof(DeviceActionRequested), "device.action_requested"),
        (typeof(DeviceActionVerified), "device.action_verified"),
        (typeof(DeviceActionDispatched), "device.action_dispatched"),
        (typeof(DeviceActionCompleted), "device.action_completed"),
        (typeof(DeviceActionFailed), "device.action_failed"),
    ];

    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (type, alias) in All)
        {
            options.Events.MapEventType(type, alias);
        }
    }
}
