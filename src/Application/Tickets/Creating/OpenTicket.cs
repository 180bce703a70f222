using Marten;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Identity;
using Ticketing.Application.Tickets.Notifications;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets.Creating;

/// <summary>
/// Opens a ticket, whatever its source: a technician (T1), a portal user (P5) or an inbound mail (A5). It gets the
/// next number of the MSP's day (T2). <paramref name="Attachments"/> (a mail's files) become the opener's first reply
/// in the same append, since the creation event carries none.
/// </summary>
public sealed record OpenTicket(
    Guid TicketId,
    TicketSource Source,
    Guid CustomerId,
    Guid? ContactId,
    TicketFields Fields,
    Guid? AssigneeId,
    string? Status,
    Guid? SeriesId,
    IReadOnlyList<AttachmentMetadata> Attachments,
    CommandContext By) : ITicketCommand
{
    long? ITicketCommand.IfMatch => null;
}

/// <summary>The ticket opened: its id, number and stream version (its ETag).</summary>
public sealed record OpenedTicket(Guid TicketId, string Number, long Version);

/// <summary>
/// Who and what the ticket is for, checked before anything is written (Wolverine middleware of <see cref="OpenTicket"/>,
/// run ahead of the <see cref="TicketCreationGate"/> so that checks never hold a creation slot): a staff caller's fields
/// have custom values of the right type (400) and name catalogue entries (422),
/// a contact's named queue, issue type and work type are checked by the portal endpoint, the customer and contact exist (422), and the assignee is staff (422).
/// </summary>
public static class OpenTicketChecks
{
    public static async Task ValidateAsync(
        OpenTicket command, ICustomerDirectory directory, ITicketFieldRules fieldRules, IDocumentSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fieldRules);
        if (command.By.Actor.Kind is ActorKind.Technician or ActorKind.Admin)
        {
            var fields = command.Fields;
            await fieldRules.CheckAsync(fields.Queue, fields.IssueType, fields.WorkType, fields.CustomFields, ct);
        }

        _ = await directory.GetCustomerAsync(command.CustomerId, ct)
            ?? throw new UnprocessableException("ticket.unknown_customer", $"Customer {command.CustomerId} does not exist.");
        if (command.ContactId is { } contactId)
        {
            var contact = await directory.GetContactAsync(contactId, ct);
            if (contact is null || contact.CustomerId != command.CustomerId)
            {
                throw new UnprocessableException("ticket.unknown_contact", $"Contact {contactId} is not a contact of customer {command.CustomerId}.");
            }
        }

        await TicketAssignees.EnsureAssignableAsync(session, command.AssigneeId, ct);
    }
}

public static class OpenTicketHandler
{
    public static async Task<OpenedTicket> Handle(
        OpenTicket command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (policies, mspTimeZone, _, _, _) = inputs;
        var id = command.TicketId;
        var by = command.By.Actor;
        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        var localDate = TicketNumber.LocalDate(now, mspTimeZone);
        var number = TicketNumber.Create(localDate, await TicketNumbers.NextAsync(session, localDate, ct));
        var opened = TicketDecider.Decide(
            new CreateTicket(id, number, command.Fields, command.Source, command.CustomerId, command.ContactId, command.AssigneeId,
                command.Status, command.SeriesId, by),
            Ticket.Initial, policies, now);
        IReadOnlyList<TicketEvent> decided = command.Attachments.Count == 0 ? opened : [.. opened, .. TicketDecider.Decide(
            new PostReply(id, Guid.CreateVersion7(), "", ReplyVisibility.Public, false, command.Attachments, by),
            Ticket.Fold(opened), policies, now).For(id)];
        var events = TicketWrites.Pending(decided, command.By);
        var rulesDid = TicketWorkflowStep.After(WorkflowTrigger.TicketCreated, Ticket.Fold(decided), events, inputs, now, command.By);
        var all = inputs.Sealed([.. events, .. rulesDid.Events]);
        session.Events.StartStream<Ticket>(id, [.. all.Select(e => session.Stamp(e, now))]);
        TicketNotices.Queue(session, TicketWrites.Fold(Ticket.Initial, all), all);
        WorkflowNoticeOutbox.Queue(session, rulesDid.Notices, now);
        return new OpenedTicket(id, number.ToString(), events.Count + rulesDid.Events.Count);
    }
}
