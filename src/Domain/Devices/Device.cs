namespace Ticketing.Domain.Devices;

/// <summary>Where an action is: asked for, confirmed by SMS, waiting for the agent, and done one way or the other.</summary>
public enum DeviceActionStatus
{
    Requested,
    Verified,
    Dispatched,
    Completed,
    Failed,
}

public sealed record DeviceAction(Guid Id, DeviceActionKind Kind, Guid ContactId, DeviceActionStatus Status);

/// <summary>A device as its stream folds it: what decisions need, nothing more.</summary>
public sealed record Device(
    Guid Id, bool Exists, Guid CustomerId, string Name, DeviceOs Os, string? AgentId, Guid? ContactId, bool IsRetired,
    IReadOnlyDictionary<Guid, DeviceAction> Actions)
{
    public static readonly Device Initial = new(Guid.Empty, false, Guid.Empty, "", DeviceOs.Windows, null, null, false, new Dictionary<Guid, DeviceAction>());

    public static Device Evolve(Device state, DeviceEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        return e switch
        {
            DeviceRegistered r => state with { Id = r.DeviceId, Exists = true, CustomerId = r.CustomerId, Name = r.Name, Os = r.Os, AgentId = r.AgentId },
            DeviceUpdated u => state with { Name = u.Name, Os = u.Os, AgentId = u.AgentId },
            DeviceAssigned a => state with { ContactId = a.ContactId },
            DeviceRetired => state with { IsRetired = true, ContactId = null },
            DeviceAgentEnrolled en => state with { AgentId = en.AgentId },
            DeviceActionRequested r => state.With(new DeviceAction(r.ActionId, r.Kind, r.ContactId, DeviceActionStatus.Requested)),
            DeviceActionVerified v => state.Moved(v.ActionId, DeviceActionStatus.Verified),
            DeviceActionDispatched d => state.Moved(d.ActionId, DeviceActionStatus.Dispatched),
            DeviceActionCompleted c => state.Moved(c.ActionId, DeviceActionStatus.Completed),
            DeviceActionFailed f => state.Moved(f.ActionId, DeviceActionStatus.Failed),
            _ => state,
        };
    }

    private Device With(DeviceAction action) =>
        this with { Actions = new Dictionary<Guid, DeviceAction>(Actions) { [action.Id] = action } };

    private Device Moved(Guid actionId, DeviceActionStatus status) =>
        Actions.TryGetValue(actionId, out var action) ? With(action with { Status = status }) : this;
}
