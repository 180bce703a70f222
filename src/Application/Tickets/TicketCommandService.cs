using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Workflow;
using Ticketing.Domain.Tickets;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Tickets;

/// <summary>
/// The one command path for tickets: load the stream (and its Taskfire partner) → fold → decide → append every
/// touched stream with the version it was decided on, in one transaction. With an If-Match version a stale
/// ticket is a 412; without one a concurrent change is retried a bounded number of times, then reported.
/// </summary>
/// <remarks>
/// Workflow rules (T8) run on the ticket's state after the command's events; their events join the same append
/// (caused by the command's last event) and their mails the same transaction.
/// </remarks>
public sealed class TicketCommandService(IEventStore store, ITicketSettings settings, ITicketWorkflow workflow, TimeProvider clock)
{
    public const string StreamType = "ticket";
    private const int MaxAttempts = 4;

    public async Task<TicketCommandResult> CreateAsync(
        Func<TicketNumber, DateTimeOffset, TicketPolicies, IReadOnlyList<TicketEvent>> decide, Guid ticketId, CommandContext context, CancellationToken ct)
    {
        var policies = await settings.PoliciesAsync(ct);
        var now = clock.GetUtcNow();
        var localDate = TicketNumber.LocalDate(now, await settings.MspTimeZoneAsync(ct));
        var rules = await workflow.EnabledRulesAsync(ct);
        IReadOnlyList<TicketEvent> events = [];
        var results = await workflow.AppendWithNextNumberAsync(localDate, number =>
        {
            var decided = decide(number, now, policies);
            var append = ToAppend(ticketId, ExpectedVersion.NoStream, decided, context);
            var rulesDid = TicketWorkflowStep.After(
                WorkflowTrigger.TicketCreated, Ticket.Fold(decided), append.Events, rules, policies, now, context);
            events = [.. decided, .. rulesDid.TicketEvents];
            return ([append with { Events = [.. append.Events, .. rulesDid.Events] }], rulesDid.Notices);
        }, ct);
        return new TicketCommandResult(ticketId, results[0].NewVersion, events);
    }

    public async Task<TicketCommandResult> ExecuteAsync(
        Guid ticketId, long? ifMatch, CommandContext context, Func<TicketDecisionContext, TicketDecision> decide, CancellationToken ct)
    {
        var policies = await settings.PoliciesAsync(ct);
        var rules = await workflow.EnabledRulesAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            var (ticket, version) = await LoadAsync(ticketId, ct);
            if (ifMatch is { } expected && expected != version)
            {
                throw new PreconditionFailedException(expected, version);
            }

            Ticket? partner = null;
            long partnerVersion = 0;
            if (ticket.Taskfire is { } link)
            {
                (partner, partnerVersion) = await LoadAsync(link.LinkedTicketId, ct);
            }

            var now = clock.GetUtcNow();
            var decision = decide(new TicketDecisionContext(ticket, partner, policies, now));
            var appends = decision.Streams.Where(s => s.Events.Count > 0).Select(s => ToAppend(
                s.StreamId,
                s.StreamId == ticketId ? ExpectedVersion.Exactly(version)
                    : s.StreamId == ticket.Taskfire?.LinkedTicketId && partner!.Exists ? ExpectedVersion.Exactly(partnerVersion)
                    : ExpectedVersion.NoStream,
                s.Events, context)).ToList();
            if (appends.Count == 0)
            {
                return new TicketCommandResult(ticketId, version, []);
            }

            var own = appends.FindIndex(a => a.StreamId == ticketId);
            var rulesDid = own < 0 ? WorkflowOutcome.None : TicketWorkflowStep.After(
                WorkflowTrigger.TicketUpdated, decision.For(ticketId).Aggregate(ticket, Ticket.Evolve), appends[own].Events,
                rules, policies, now, context);
            if (own >= 0)
            {
                appends[own] = appends[own] with { Events = [.. appends[own].Events, .. rulesDid.Events] };
            }

            try
            {
                var results = await workflow.AppendAsync(appends, rulesDid.Notices, ct);
                var newVersion = results.FirstOrDefault(r => r.StreamId == ticketId)?.NewVersion ?? version;
                return new TicketCommandResult(ticketId, newVersion, [.. decision.For(ticketId), .. rulesDid.TicketEvents]);
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

    /// <summary>The ticket folded up to now; a missing stream is 404.</summary>
    public async Task<(Ticket Ticket, long Version)> LoadAsync(Guid ticketId, CancellationToken ct)
    {
        var stream = await store.ReadStreamAsync(ticketId, ct);
        if (!stream.Exists || stream.StreamType != StreamType)
        {
            throw new NotFoundException("ticket.not_found", $"Ticket {ticketId} was not found.");
        }

        return (Ticket.Fold(stream.Events.Select(e => (TicketEvent)e.Data)), stream.Version);
    }

    private static StreamAppend ToAppend(Guid streamId, ExpectedVersion expected, IReadOnlyList<TicketEvent> events, CommandContext context) =>
        new(streamId, StreamType, expected, [.. events.Select(e => PendingEvent.Create(e, context.Metadata()))]);
}
