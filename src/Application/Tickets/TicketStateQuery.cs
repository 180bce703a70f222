using Marten;
using Ticketing.Application.Errors;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets;

/// <summary>A ticket's state as the domain folds it, for callers that must answer with it outside a command.</summary>
public sealed class TicketStateQuery(IDocumentStore store)
{
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
}
