namespace Ticketing.Domain.Tickets;

/// <summary>Who issues a command; the kind decides which ticket rules apply.</summary>
public enum ActorKind
{
    Technician,
    Admin,

    /// <summary>Workflow rules and other automation acting on the MSP's behalf (T8).</summary>
    System,

    /// <summary>A customer's contact using the portal.</summary>
    Contact,

    /// <summary>A customer's own IT person working the Taskfire copies (T10).</summary>
    Taskfire,
}

/// <summary>The author of a command and of the events it produces (T11: "who").</summary>
public sealed record Actor(Guid Id, ActorKind Kind)
{
    /// <summary>MSP-side actors: they work the MSP's tickets without portal restrictions.</summary>
    public bool IsStaff => Kind is ActorKind.Technician or ActorKind.Admin or ActorKind.System;

    public static Actor Technician(Guid id) => new(id, ActorKind.Technician);
    public static Actor Admin(Guid id) => new(id, ActorKind.Admin);
    public static Actor System(Guid id) => new(id, ActorKind.System);
    public static Actor Contact(Guid id) => new(id, ActorKind.Contact);
    public static Actor TaskfireUser(Guid id) => new(id, ActorKind.Taskfire);
}
