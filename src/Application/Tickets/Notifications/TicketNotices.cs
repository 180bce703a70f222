using Marten;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Messaging;
using Ticketing.Domain.Tickets;
using Wolverine.Attributes;

namespace Ticketing.Application.Tickets.Notifications;

/// <summary>Which notification a ticket event sends (A4).</summary>
public enum TicketNotification
{
    None,
    ReplyToContact,
    ReplyToTechnician,
    StatusToContact,
    QuestionToTaskfireResource,
    DeletionToTaskfireResource,

    /// <summary>A Taskfire user deleted their copy, which deleted the MSP's ticket: its assigned technician is told (T10).</summary>
    DeletionToTechnician,

    /// <summary>A Taskfire user changed their copy's status: the MSP ticket's assigned technician is told (T10).</summary>
    StatusToTechnician,

    /// <summary>"My work is complete" by the MSP: the pair's Taskfire resource is told (T10).</summary>
    WorkCompleteToTaskfireResource,

    /// <summary>The pair was handed to another Taskfire user: that user, its new resource, is told (T10).</summary>
    ResourceChangeToTaskfireResource,
}

/// <summary>
/// A ticket event that mails someone, queued in the outbox of the command that appended it: it is stored by the
/// append's own transaction and exists exactly when its event does (ADR 0017). <paramref name="User"/> is the author to
/// skip or the Taskfire resource to tell; <paramref name="Status"/> is the ticket's status right after the event, which
/// decides whether a contact may hear of it (ADR 0020; null in notices stored before it was added).
/// </summary>
// The name it was stored under before it moved to this assembly, so notices queued by an older node are still handled.
[MessageIdentity("Ticketing.Api.Email.Notifications.TicketEventNotice")]
public sealed record TicketEventNotice(
    Guid EventId, Guid TicketId, TicketNotification Notification, DateTimeOffset At, string? Text, Guid User, string? Status = null);

/// <summary>
/// Which of a command's ticket events mail someone (A4, rules as in ADR 0006): a public staff reply mails the ticket's
/// contact; a public contact reply, and a Taskfire user's note (its mirror on the MSP's ticket, ADR 0022), the assigned
/// technician; a status change by someone other than the contact the contact; a Taskfire user's status change on their
/// copy the MSP ticket's assigned technician; "my work is complete" the copy's Taskfire resource; a change of the Taskfire
/// resource the new resource (unless they made it); a Taskfire question or shared-copy
/// deletion the Taskfire resource named in the event, except that a deletion by the Taskfire user mails the MSP ticket's
/// assigned technician instead. Staff's mirrored replies, internal notes and the Taskfire copy's own replies and
/// statuses mail nobody. The command knows the ticket's state after its events, so an event whose ticket has no one to
/// mail (no contact, nobody assigned, the author is the recipient) queues nothing: only a notice with a recipient costs
/// a message.
/// </summary>
public static class TicketNotices
{
    /// <summary>
    /// Queues the notices of <paramref name="events"/>, appended to the ticket whose state is now <paramref name="after"/>;
    /// <paramref name="partner"/> is the other ticket of its Taskfire pair as the command loaded it, if any.
    /// </summary>
    public static void Queue(IDocumentSession session, Ticket after, IEnumerable<PendingEvent> events, Ticket? partner = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var notice in For(after, events, partner))
        {
            SessionOutbox.Publish(session, notice);
        }
    }

    public static IEnumerable<TicketEventNotice> For(Ticket after, IEnumerable<PendingEvent> events, Ticket? partner = null)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var pending in events)
        {
            if (Notice(after, partner, pending) is { } notice)
            {
                yield return notice;
            }
        }
    }

    private static TicketEventNotice? Notice(Ticket after, Ticket? partner, PendingEvent pending) => pending.Data switch
    {
        // The copy's own status change: told to the technician of the MSP's ticket, named on that ticket (ADR 0023).
        TicketStatusChanged { By.Kind: ActorKind.Taskfire } s
            when after.IsTaskfireCopy && !after.IsDeleted && partner is { IsDeleted: false, AssignedTechnicianId: not null } =>
            new(pending.EventId, partner.Id, TicketNotification.StatusToTechnician, s.At, s.ToStatusId, s.By.Id),
        ReplyPosted { Visibility: ReplyVisibility.Public, MirroredFrom: null } r when r.Author.IsStaff && MailsContact(after, r.Author) =>
            new(pending.EventId, r.TicketId, TicketNotification.ReplyToContact, r.At, r.Body, r.Author.Id, after.StatusId),
        ReplyPosted { Visibility: ReplyVisibility.Public, MirroredFrom: null, Author.Kind: ActorKind.Contact } r
            when OnMspTicket(after) && after.AssignedTechnicianId is { } technician && technician != r.Author.Id =>
            new(pending.EventId, r.TicketId, TicketNotification.ReplyToTechnician, r.At, r.Body, r.Author.Id),
        // A Taskfire user's note reaches the MSP's ticket as its mirror; the technician working that ticket hears of it.
        ReplyPosted { MirroredFrom: not null, Author.Kind: ActorKind.Taskfire } r
            when OnMspTicket(after) && after.AssignedTechnicianId is not null =>
            new(pending.EventId, r.TicketId, TicketNotification.ReplyToTechnician, r.At, r.Body, r.Author.Id),
        TicketStatusChanged s when MailsContact(after, s.By) =>
            new(pending.EventId, s.TicketId, TicketNotification.StatusToContact, s.At, s.ToStatusId, s.By.Id, s.ToStatusId),
        TaskfireWorkCompleted w when after.IsTaskfireCopy && !after.IsDeleted && after.Taskfire!.ResourceId != w.By.Id =>
            new(pending.EventId, w.TicketId, TicketNotification.WorkCompleteToTaskfireResource, w.At, w.Note, after.Taskfire.ResourceId),
        // Recorded on both tickets of the pair; told once, from the copy, unless the new resource made the change.
        TaskfireResourceChanged c when after.IsTaskfireCopy && !after.IsDeleted && c.ToResourceId != c.By.Id =>
            new(pending.EventId, c.TicketId, TicketNotification.ResourceChangeToTaskfireResource, c.At, null, c.ToResourceId),
        TaskfireQuestionAsked q when !after.IsDeleted =>
            new(pending.EventId, q.TicketId, TicketNotification.QuestionToTaskfireResource, q.At, q.Note, q.NotifyResourceId),
        SharedCopyDeleted { By.Kind: ActorKind.Taskfire } d => after.AssignedTechnicianId is { } technician
            ? new(pending.EventId, d.TicketId, TicketNotification.DeletionToTechnician, d.At, null, technician)
            : null,
        SharedCopyDeleted d =>
            new(pending.EventId, d.TicketId, TicketNotification.DeletionToTaskfireResource, d.At, null, d.NotifyTaskfireResourceId),
        _ => null,
    };

    private static bool MailsContact(Ticket after, Actor by) => OnMspTicket(after) && after.ContactId is { } contact && contact != by.Id;

    private static bool OnMspTicket(Ticket ticket) => !ticket.IsTaskfireCopy && !ticket.IsDeleted;
}
