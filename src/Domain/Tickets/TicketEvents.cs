namespace Ticketing.Domain.Tickets;

/// <summary>
/// Every fact recorded on a ticket stream. The hierarchy is closed (private protected constructor, sealed
/// records, all in this file) so <see cref="Ticket.Evolve"/> can handle each case and no other assembly adds
/// one. Events are stored: never rename or reorder their members; evolve them through aliases and upcasters.
/// </summary>
public abstract record TicketEvent
{
    private protected TicketEvent()
    {
    }

    /// <summary>The stream the event belongs to (a ticket id is its stream id).</summary>
    public abstract Guid TicketId { get; init; }

    public abstract DateTimeOffset At { get; init; }
}

public sealed record TicketCreated(
    Guid TicketId,
    string Number,
    TicketFields Fields,
    string StatusId,
    StatusCategory StatusCategory,
    TicketSource Source,
    Guid CustomerId,
    Guid? ContactId,
    Guid? AssignedTechnicianId,
    Guid? SeriesId,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary><paramref name="Category"/> is the category of <paramref name="ToStatusId"/> when it was set.</summary>
public sealed record TicketStatusChanged(
    Guid TicketId,
    string FromStatusId,
    string ToStatusId,
    StatusCategory Category,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>
/// A public reply or an internal note. A Taskfire-related note is recorded on both tickets of a Taskfire pair;
/// <paramref name="MirroredFrom"/> names the ticket it was written on when that is the other one.
/// </summary>
public sealed record ReplyPosted(
    Guid TicketId,
    Guid ReplyId,
    Actor Author,
    string Body,
    ReplyVisibility Visibility,
    bool TaskfireRelated,
    IReadOnlyList<AttachmentMetadata> Attachments,
    Guid? MirroredFrom,
    DateTimeOffset At) : TicketEvent;

/// <summary>Only the fields that actually changed are set in <paramref name="Changes"/>.</summary>
public sealed record TicketFieldsChanged(Guid TicketId, TicketFieldChanges Changes, Actor By, DateTimeOffset At)
    : TicketEvent;

/// <summary>A null <paramref name="TechnicianId"/> means the ticket was unassigned.</summary>
public sealed record TechnicianAssigned(Guid TicketId, Guid? TechnicianId, Actor By, DateTimeOffset At) : TicketEvent;

public sealed record TicketBilled(Guid TicketId, Actor By, DateTimeOffset At) : TicketEvent;

/// <summary>
/// The ticket was deleted by <paramref name="By"/>. A Taskfire partner gets <see cref="SharedCopyDeleted"/> in the
/// same transaction, and that event (not this one) carries the notification, so one deletion sends one mail.
/// </summary>
public sealed record TicketDeleted(Guid TicketId, Actor By, DateTimeOffset At) : TicketEvent;

/// <summary>On the MSP's ticket: a Taskfire copy <paramref name="CopyId"/> now exists.</summary>
public sealed record TicketAssignedToTaskfire(
    Guid TicketId,
    Guid CopyId,
    string TaskfireQueue,
    Guid TaskfireResourceId,
    string Note,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>The first event of a Taskfire copy's own stream: the same number as the MSP's ticket.</summary>
public sealed record TaskfireCopyCreated(
    Guid TicketId,
    Guid MspTicketId,
    string Number,
    TicketFields Fields,
    string StatusId,
    StatusCategory StatusCategory,
    Guid CustomerId,
    Guid? ContactId,
    string TaskfireQueue,
    Guid TaskfireResourceId,
    string Note,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>On the copy: "my work is complete" — a note and the copy's new status (the MSP's status is untouched).</summary>
public sealed record TaskfireWorkCompleted(
    Guid TicketId,
    Guid ReplyId,
    string Note,
    string StatusId,
    StatusCategory Category,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>On the copy: a question for the Taskfire user; <paramref name="NotifyResourceId"/> is who to tell.</summary>
public sealed record TaskfireQuestionAsked(
    Guid TicketId,
    Guid ReplyId,
    string Note,
    Guid NotifyResourceId,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>
/// This stream's partner <paramref name="DeletedTicketId"/> was deleted, which deletes this one too (T10);
/// <paramref name="NotifyTaskfireResourceId"/> is the Taskfire resource to tell.
/// </summary>
public sealed record SharedCopyDeleted(
    Guid TicketId,
    Guid DeletedTicketId,
    Guid NotifyTaskfireResourceId,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>
/// The Taskfire pair is handed to another Taskfire user of the same customer; recorded on both tickets of the pair,
/// so either side's state names the current resource.
/// </summary>
public sealed record TaskfireResourceChanged(
    Guid TicketId,
    Guid FromResourceId,
    Guid ToResourceId,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>
/// The first event of a ticket of the Taskfire user's own help desk (T10): source Taskfire, on the customer's side of
/// Taskfire only, and unseen by the MSP until it is submitted (<see cref="TaskfireTicketSubmitted"/>).
/// <paramref name="ResourceId"/> is the Taskfire user who opened it, its first Taskfire resource.
/// </summary>
public sealed record TaskfireTicketOpened(
    Guid TicketId,
    string Number,
    TicketFields Fields,
    string StatusId,
    StatusCategory StatusCategory,
    Guid CustomerId,
    Guid ResourceId,
    Actor By,
    DateTimeOffset At) : TicketEvent;

/// <summary>
/// A Taskfire user's own ticket was submitted to the MSP (T10), which made the MSP's ticket with the same number:
/// recorded on both, each naming the other (<paramref name="LinkedTicketId"/>); on the MSP's ticket it follows its
/// <see cref="TicketCreated"/>. From then on the two are a Taskfire pair like any other.
/// </summary>
public sealed record TaskfireTicketSubmitted(
    Guid TicketId,
    Guid LinkedTicketId,
    Guid TaskfireResourceId,
    string Note,
    Actor By,
    DateTimeOffset At) : TicketEvent;
