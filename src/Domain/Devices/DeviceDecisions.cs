namespace Ticketing.Domain.Devices;

/// <summary>
/// The pure decisions on a device: the state the stream folds to and a command in, the events to store out, or a
/// <see cref="DomainRuleViolation"/> with a stable code. Existence and checks that need other data (the contact's
/// customer, the catalogue, the SMS code) are made before, by the handler.
/// </summary>
public static class DeviceDecisions
{
    public static DeviceEvent[] Update(Device device, string name, DeviceOs os, string? agentId, Guid by, DateTimeOffset now)
    {
        Live(device);
        return device.Name == name && device.Os == os && device.AgentId == agentId
            ? []
            : [new DeviceUpdated(device.Id, name, os, agentId, by, now)];
    }

    public static DeviceEvent[] Assign(Device device, Guid? contactId, Guid by, DateTimeOffset now)
    {
        Live(device);
        return device.ContactId == contactId ? [] : [new DeviceAssigned(device.Id, contactId, by, now)];
    }

    public static DeviceEvent[] Retire(Device device, Guid by, DateTimeOffset now)
    {
        Live(device);
        return [new DeviceRetired(device.Id, by, now)];
    }

    /// <summary>Only a live device assigned to the contact asking may be acted on; the caller answers anything else as not found (no leak).</summary>
    public static bool IsActionableBy(Device device, Guid contactId) =>
        device.Exists && !device.IsRetired && device.ContactId == contactId;

    /// <summary>The agent reports on an action it was given (the caller checked the action exists); a second report is refused.</summary>
    public static DeviceEvent Outcome(Device device, Guid actionId, bool completed, string? detail, string? from, DateTimeOffset now)
    {
        var action = device.Actions[actionId];
        if (action.Status != DeviceActionStatus.Dispatched)
        {
            throw new DomainRuleViolation(DeviceErrors.ActionNotPending, "The action is not waiting for an outcome.");
        }

        return completed
            ? new DeviceActionCompleted(device.Id, actionId, detail, from, now)
            : new DeviceActionFailed(device.Id, actionId, detail, from, now);
    }

    private static void Live(Device device)
    {
        if (device.IsRetired)
        {
            throw new DomainRuleViolation(DeviceErrors.Retired, "The device is retired.");
        }
    }
}
