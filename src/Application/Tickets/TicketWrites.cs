using JasperFx.Events;
using Marten;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets.Notifications;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets;

/// <summary>
/// The step every ticket command handler shares: <c>FetchForWriting</c> the ticket (and its Taskfire partner), check
/// the caller's If-Match version, decide, run the workflow rules (T8) on the state after the decision, and append every
/// touched stream at the version it was decided on. The handler's session is committed by Wolverine's transactional
/// middleware with the read models and outgoing messages; a concurrent append fails that commit with Marten's
/// conflict, which Wolverine retries (the handler runs again on fresh state), and a stale If-Match is a 412.
/// </summary>
public static class TicketWrites
{
    public static async Task<TicketCommandResult> DecideAsync(
        IDocumentSession session, ITicketCommand command, TicketCommandInputs inputs, DateTimeOffset now,
        Func<TicketDecisionContext, TicketDecision> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(decide);
        var ticketId = command.TicketId;
        var own = await session.Events.FetchForWriting<Ticket>(ticketId, ct);
        var (ticket, version) = Loaded(own, ticketId);
        // A Taskfire user's own ticket not submitted to the MSP does not exist for anyone but the customer's Taskfire users;
        // checked before If-Match, so a stale version tells nothing either.
        if (ticket.IsUnsubmittedTaskfireTicket && command.By.Actor.Kind != ActorKind.Taskfire)
        {
            throw new NotFoundException("ticket.not_found", $"Ticket {ticketId} was not found.");
        }

        if (command.IfMatch is { } expected && expected != version)
        {
            throw new PreconditionFailedException(expected, version);
        }

        IEventStream<Ticket>? partnerStream = null;
        Ticket? partner = null;
        if (ticket.Taskfire is { HasPartner: true } link)
        {
            partnerStream = await session.Events.FetchForWriting<Ticket>(link.LinkedTicketId, ct);
            (partner, _) = Loaded(partnerStream, link.LinkedTicketId);
        }

        now = EventStamping.StoredPrecision(now);
        var policies = inputs.Policies;
        var decision = decide(new TicketDecisionContext(ticket, partner, policies, now));
        var mine = Pending(decision.For(ticketId), command.By);
        var rulesDid = mine.Count == 0 ? WorkflowOutcome.None : TicketWorkflowStep.After(
            WorkflowTrigger.TicketUpdated, decision.For(ticketId).Aggregate(ticket, Ticket.Evolve), mine, inputs, now, command.By);
        var appended = false;
        foreach (var stream in decision.Streams.Where(s => s.Events.Count > 0))
        {
            var events = inputs.Sealed(stream.StreamId == ticketId ? [.. mine, .. rulesDid.Events] : Pending(stream.Events, command.By));
            var stamped = events.Select(e => session.Stamp(e, now)).ToArray();
            var before = stream.StreamId == ticketId ? ticket : stream.StreamId == ticket.Taskfire?.LinkedTicketId ? partner : null;
            var other = stream.StreamId == ticketId ? partner : stream.StreamId == ticket.Taskfire?.LinkedTicketId ? ticket : null;
            TicketNotices.Queue(session, Fold(before ?? Ticket.Initial, events), events, other);
            if (stream.StreamId == ticketId)
            {
                own.AppendMany(stamped);
            }
            else if (partnerStream is not null && stream.StreamId == ticket.Taskfire?.LinkedTicketId)
            {
                partnerStream.AppendMany(stamped);
            }
            else
            {
                // A stream decided into existence (the Taskfire copy): starting it fails if the id is taken.
                session.Events.StartStream<Ticket>(stream.StreamId, stamped);
            }

            appended = true;
        }

        if (!appended)
        {
            return new TicketCommandResult(ticketId, version, []);
        }

        WorkflowNoticeOutbox.Queue(session, rulesDid.Notices, now);
        return new TicketCommandResult(ticketId, version + mine.Count + rulesDid.Events.Count, [.. decision.For(ticketId), .. rulesDid.TicketEvents]);
    }

    internal static (Ticket Ticket, long Version) Loaded(IEventStream<Ticket> stream, Guid ticketId) =>
        stream.Aggregate is { Exists: true } ticket
            ? (ticket, stream.CurrentVersion ?? 0)
            : throw new NotFoundException("ticket.not_found", $"Ticket {ticketId} was not found.");

    internal static Ticket Fold(Ticket state, IEnumerable<PendingEvent> events) =>
        events.Select(e => (TicketEvent)e.Data).Aggregate(state, Ticket.Evolve);

    internal static List<PendingEvent> Pending(IEnumerable<TicketEvent> events, CommandContext context) =>
        [.. events.Select(e => PendingEvent.Create(e, context.Metadata()))];
}
