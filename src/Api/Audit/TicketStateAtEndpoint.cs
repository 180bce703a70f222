using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Errors;
using Ticketing.Application.Privacy;
using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Audit;

/// <summary>
/// <c>GET /api/audit/tickets/{id}/state?version=N</c> or <c>?at=INSTANT</c> (T11): the ticket folded from its own
/// events up to that point — the state an auditor needs to judge what was known when.
/// </summary>
public static class TicketStateAtEndpoint
{
    public sealed record Response(Guid Id, long Version, DateTimeOffset? AsOf, Ticket State);

    public static async Task<Ok<Response>> Handle(
        Guid id, long? version, DateTimeOffset? at, IQuerySession session, PersonalDataReveal reveal, CancellationToken ct)
    {
        if (version is not null && at is not null)
        {
            throw Invalid("version", "Ask for a version or an instant, not both.");
        }

        if (version is <= 0)
        {
            throw Invalid("version", "A version starts at 1.");
        }

        // Marten reads the stream up to the version or the recorded instant; the fold is the domain's own.
        var events = await session.Events.FetchStreamAsync(id, version ?? 0, at, token: ct);
        var ticketEvents = events.Select(e => e.Data).OfType<TicketEvent>().ToList();
        if (ticketEvents.Count == 0)
        {
            throw new NotFoundException("ticket.not_found", version is null && at is null
                ? $"Ticket {id} was not found."
                : $"Ticket {id} had no events at that point.");
        }

        // A description a contact wrote is stored sealed (ADR 0027): the auditor reads it opened, or "[erased]".
        var state = Ticket.Fold(ticketEvents);
        var open = await reveal.ForAsync([state.Fields.Description], ct);
        state = state with { Fields = state.Fields with { Description = open(state.Fields.Description) } };
        return TypedResults.Ok(new Response(id, events[^1].Version, at, state));
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
