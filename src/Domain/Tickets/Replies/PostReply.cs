namespace Ticketing.Domain.Tickets;

/// <summary>
/// A public reply or an internal note (T6). The attachments' bytes are already stored; only their metadata
/// travels. <paramref name="TaskfireRelated"/> notes are recorded on both tickets of a Taskfire pair.
/// </summary>
public sealed record PostReply(
    Guid TicketId,
    Guid ReplyId,
    string? Body,
    ReplyVisibility Visibility,
    bool TaskfireRelated,
    IReadOnlyList<AttachmentMetadata> Attachments,
    Actor By);

public static partial class TicketDecider
{
    /// <returns>
    /// The reply on this ticket (plus the reopening status change when a portal reply lands on a resolved or
    /// closed ticket), and the mirrored note on the Taskfire partner when the note is Taskfire-related.
    /// </returns>
    public static TicketDecision Decide(PostReply command, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);

        var body = command.Body ?? "";
        var attachments = command.Attachments ?? [];
        if (string.IsNullOrWhiteSpace(body) && attachments.Count == 0)
        {
            throw TicketGuards.Violation(TicketErrors.ReplyEmpty, "A reply needs a text or an attachment.");
        }

        if (body.Length > TicketLimits.ReplyMaxLength)
        {
            throw TicketGuards.Violation(TicketErrors.ReplyTooLong, $"A reply has at most {TicketLimits.ReplyMaxLength} characters.");
        }

        var isContact = command.By.Kind == ActorKind.Contact;
        if (isContact && command.Visibility == ReplyVisibility.Internal)
        {
            throw TicketGuards.Violation(TicketErrors.InternalNoteForbidden, "Portal users can only post public replies.");
        }

        if (isContact && command.TaskfireRelated)
        {
            throw TicketGuards.Violation(TicketErrors.ActorForbidden, "Portal users cannot post Taskfire notes.");
        }

        if (command.TaskfireRelated && state.Taskfire is null)
        {
            throw TicketGuards.Violation(TicketErrors.TaskfireNotAssigned, "The ticket has no Taskfire copy.");
        }

        // T4 locks billed tickets for portal users; staff keep only internal notes, so nothing the customer sees
        // changes after the invoice.
        if (state.IsBilled && (isContact || command.Visibility == ReplyVisibility.Public))
        {
            throw TicketGuards.Violation(TicketErrors.BilledLocked, "The ticket has been billed; only internal notes can be added.");
        }

        var reply = new ReplyPosted(
            state.Id, command.ReplyId, command.By, body, command.Visibility, command.TaskfireRelated, attachments, null, now);
        List<TicketEvent> events = [reply];

        // A customer answering a finished ticket means it is not finished (T5 decides whether that is allowed).
        if (isContact && state.IsResolvedOrClosed)
        {
            if (!policies.Reopen.PortalCanReopen)
            {
                throw TicketGuards.Violation(TicketErrors.ReopenForbidden, "This ticket cannot be reopened by replying from the portal.");
            }

            var open = policies.Statuses.Get(StatusCatalogue.Open.Id);
            events.Add(new TicketStatusChanged(state.Id, state.StatusId, open.Id, open.Category, command.By, now));
        }

        List<StreamEvents> streams = [new(state.Id, events)];
        // A note on the Taskfire user's own, unsubmitted ticket stays on it: there is no MSP ticket to share it with yet.
        if (command.TaskfireRelated && state.Taskfire!.HasPartner)
        {
            var partner = state.Taskfire.LinkedTicketId;
            // On the MSP's side a mirrored note is internal: the customer's IT talking to the MSP is not for the
            // end user's portal view (and so never breaks the billed lock there).
            var visibility = state.IsTaskfireCopy ? ReplyVisibility.Internal : command.Visibility;
            streams.Add(new(partner, [reply with { TicketId = partner, Visibility = visibility, MirroredFrom = state.Id }]));
        }

        return new TicketDecision(streams);
    }
}
