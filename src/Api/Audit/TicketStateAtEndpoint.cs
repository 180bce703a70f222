using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Audit;

/// <summary>
/// <c>GET /api/audit/tickets/{id}/state?version=N</c> or <c>?at=INSTANT</c> (T11): the ticket folded from its own
/// events up to that point — the state an auditor needs to judge what was known when.
/// </summary>
public static class TicketStateAtEndpoint
{
    public sealed record Response(Guid Id, long Version, DateTimeOffset? AsOf, Ticket State);

    public static async Task<Ok<Response>> Handle(Guid id, long? version, DateTimeOffset? at, IEventStore store, CancellationToken ct)
    {
        if (version is not null && at is not null)
        {
            throw Invalid("version", "Ask for a version or an instant, not both.");
        }

        if (version is <= 0)
        {
            throw Invalid("version", "A version starts at 1.");
        }

        var stream = version is { } v ? await store.ReadStreamAsync(id, v, ct)
            : at is { } instant ? await store.ReadStreamAsync(id, instant, ct)
            : await store.ReadStreamAsync(id, ct);
        if (stream.StreamType is not null && stream.StreamType != TicketCommandService.StreamType || !stream.Exists)
        {
            throw new NotFoundException("ticket.not_found", version is null && at is null
                ? $"Ticket {id} was not found."
                : $"Ticket {id} had no events at that point.");
        }

        var state = Ticket.Fold(stream.Events.Select(e => (TicketEvent)e.Data));
        return TypedResults.Ok(new Response(id, stream.Version, at, state));
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
