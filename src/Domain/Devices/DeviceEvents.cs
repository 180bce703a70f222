namespace Ticketing.Domain.Devices;

/// <summary>The operating systems an agent runs on (P13); what an action may do depends on it.</summary>
public enum DeviceOs
{
    Windows,
    MacOs,
    Linux,
}

/// <summary>The self-service actions a contact may ask for on a device assigned to them (P13).</summary>
public enum DeviceActionKind
{
    Restart,
    Lock,
    Shutdown,
    Logout,
    ResetPassword,
    InstallApplication,
}

/// <summary>Every fact of a device's stream: its life as technicians manage it, its agent, and each action's steps.</summary>
public abstract record DeviceEvent;

public sealed record DeviceRegistered(Guid DeviceId, Guid CustomerId, string Name, DeviceOs Os, string? AgentId, Guid? By, DateTimeOffset At) : DeviceEvent;

public sealed record DeviceUpdated(Guid DeviceId, string Name, DeviceOs Os, string? AgentId, Guid By, DateTimeOffset At) : DeviceEvent;

/// <summary>The device is now used by <paramref name="ContactId"/>, or by nobody when it is null.</summary>
public sealed record DeviceAssigned(Guid DeviceId, Guid? ContactId, Guid By, DateTimeOffset At) : DeviceEvent;

public sealed record DeviceRetired(Guid DeviceId, Guid By, DateTimeOffset At) : DeviceEvent;

/// <summary>An agent enrolled with the customer's key and got a new device credential (the secret is never in the log).</summary>
public sealed record DeviceAgentEnrolled(Guid DeviceId, string AgentId, string? From, DateTimeOffset At) : DeviceEvent;

/// <summary>A contact asked for an action; <paramref name="Package"/> is the catalogue's package id of an installation.</summary>
public sealed record DeviceActionRequested(
    Guid DeviceId, Guid ActionId, DeviceActionKind Kind, Guid? ApplicationId, string? Package, Guid ContactId, string? From, DateTimeOffset At) : DeviceEvent;

/// <summary>The contact confirmed the request with the SMS code sent for it.</summary>
public sealed record DeviceActionVerified(Guid DeviceId, Guid ActionId, Guid ContactId, string? From, DateTimeOffset At) : DeviceEvent;

/// <summary>The action is waiting for the device's agent to pick it up.</summary>
public sealed record DeviceActionDispatched(Guid DeviceId, Guid ActionId, DateTimeOffset At) : DeviceEvent;

public sealed record DeviceActionCompleted(Guid DeviceId, Guid ActionId, string? Detail, string? From, DateTimeOffset At) : DeviceEvent;

public sealed record DeviceActionFailed(Guid DeviceId, Guid ActionId, string? Detail, string? From, DateTimeOffset At) : DeviceEvent;
