using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Ticketing.Application.Errors;
using Ticketing.Application.Messaging;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets;

/// <summary>
/// The one command path for tickets, on Marten: <c>FetchForWriting</c> the stream (and its Taskfire partner) → decide →
/// append every touched stream at the version it was decided on → <c>SaveChangesAsync</c>, which sends the appends, the
/// inline read models and the outbox rows in one transaction. The expected version is checked by the database. With an
/// If-Match version a stale ticket is a 412; without one a concurrent change is retried a bounded number of times.
/// </summary>
/// <remarks>
/// Workflow rules (T8) run on the ticket's state after the command's events; their events join the same append
/// (caused by the command's last event) and their mails the same transaction.
/// </remarks>
public sealed class TicketCommandService(
    IDocumentStore store, OutboxedSessionFactory sessions, IWolverineRuntime runtime, ITicketSettings settings, TimeProvider clock)
    : IDisposable
{
    private const int MaxAttempts = 4;

    // Creations of one day serialise on the number counter's row lock; queueing here instead of on the lock keeps a
    // burst from holding most of the connection pool idle (which starved every other request of connections).
    private readonly SemaphoreSlim _creations = new(4, 4);

    public async Task<TicketCommandResult> CreateAsync(
        Func<TicketNumber, DateTimeOffset, TicketPolicies, IReadOnlyList<TicketEvent>> decide, Guid ticketId, CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(context);
        var (policies, mspTimeZone, rules) = await settings.CommandInputsAsync(ct);
        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        var localDate = TicketNumber.LocalDate(now, mspTimeZone);
        await _creations.WaitAsync(ct);
        try
        {
            await using var session = OpenSession();
            var number = TicketNumber.Create(localDate, await TicketNumbers.NextAsync(session, localDate, ct));
            var decided = decide(number, now, policies);
            var events = Pending(decided, context);
            var rulesDid = TicketWorkflowStep.After(WorkflowTrigger.TicketCreated, Ticket.Fold(decided), events, rules, policies, now, context);
            session.Events.StartStream<Ticket>(ticketId, [.. events.Concat(rulesDid.Events).Select(e => session.Stamp(e, now))]);
            WorkflowNoticeOutbox.Queue(session, rulesDid.Notices, now);
            await SaveAsync(session, ct);
            return new TicketCommandResult(ticketId, events.Count + rulesDid.Events.Count, [.. decided, .. rulesDid.TicketEvents]);
        }
        finally
        {
            _creations.Release();
        }
    }

    public async Task<TicketCommandResult> ExecuteAsync(
        Guid ticketId, long? ifMatch, CommandContext context, Func<TicketDecisionContext, TicketDecision> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(context);
        var (policies, _, rules) = await settings.CommandInputsAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = OpenSession();
            var own = await session.Events.FetchForWriting<Ticket>(ticketId, ct);
            var (ticket, version) = Loaded(own, ticketId);
            if (ifMatch is { } expected && expected != version)
            {
                throw new PreconditionFailedException(expected, version);
            }

            IEventStream<Ticket>? partnerStream = null;
            Ticket? partner = null;
            if (ticket.Taskfire is { } link)
            {
                partnerStream = await session.Events.FetchForWriting<Ticket>(link.LinkedTicketId, ct);
                (partner, _) = Loaded(partnerStream, link.LinkedTicketId);
            }

            var now = EventStamping.StoredPrecision(clock.GetUtcNow());
            var decision = decide(new TicketDecisionContext(ticket, partner, policies, now));
            var mine = Pending(decision.For(ticketId), context);
            var rulesDid = mine.Count == 0 ? WorkflowOutcome.None : TicketWorkflowStep.After(
                WorkflowTrigger.TicketUpdated, decision.For(ticketId).Aggregate(ticket, Ticket.Evolve), mine, rules, policies, now, context);
            var appended = false;
            foreach (var stream in decision.Streams.Where(s => s.Events.Count > 0))
            {
                var events = stream.StreamId == ticketId ? [.. mine, .. rulesDid.Events] : Pending(stream.Events, context);
                var stamped = events.Select(e => session.Stamp(e, now)).ToArray();
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
            try
            {
                await SaveAsync(session, ct);
                return new TicketCommandResult(ticketId, version + mine.Count + rulesDid.Events.Count, [.. decision.For(ticketId), .. rulesDid.TicketEvents]);
            }
            catch (ConcurrencyException) when (ifMatch is null && attempt < MaxAttempts)
            {
                // Someone changed the ticket between our read and our append: decide again on fresh state.
            }
            catch (ConcurrencyException) when (ifMatch is not null)
            {
                throw new PreconditionFailedException(ifMatch.Value, version + 1);
            }
        }
    }

    /// <summary>The ticket folded up to now and its version (one read of its events); a missing stream is 404.</summary>
    public async Task<(Ticket Ticket, long Version)> LoadAsync(Guid ticketId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(ticketId, token: ct);
        var ticket = Ticket.Fold(events.Select(e => e.Data).OfType<TicketEvent>());
        return ticket.Exists
            ? (ticket, events[^1].Version)
            : throw new NotFoundException("ticket.not_found", $"Ticket {ticketId} was not found.");
    }

    public void Dispose() => _creations.Dispose();

    // A session enrolled in Wolverine's outbox: forwarded events and workflow mails commit with the events.
    private IDocumentSession OpenSession()
    {
        var context = new MessageContext(runtime);
        var session = sessions.OpenSession(context);
        SessionOutbox.Attach(session, context);
        return session;
    }

    private static (Ticket Ticket, long Version) Loaded(IEventStream<Ticket> stream, Guid ticketId) =>
        stream.Aggregate is { Exists: true } ticket
            ? (ticket, stream.CurrentVersion ?? 0)
            : throw new NotFoundException("ticket.not_found", $"Ticket {ticketId} was not found.");

    private static List<PendingEvent> Pending(IEnumerable<TicketEvent> events, CommandContext context) =>
        [.. events.Select(e => PendingEvent.Create(e, context.Metadata()))];

    /// <summary>Commits; Marten's conflicts (a stream moved on, a stream id taken) become one <see cref="ConcurrencyException"/>.</summary>
    private static async Task SaveAsync(IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            throw new EventSourcing.ConcurrencyException(e.Message, e);
        }
    }
}
