using JasperFx.Events;
using Marten.Events.Aggregation;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets;

/// <summary>
/// How Marten folds a ticket stream into <see cref="Ticket"/> for <c>FetchForWriting</c> and point-in-time reads: the
/// domain's own <see cref="Ticket.Evolve"/>, registered as a live aggregation (nothing is stored for it).
/// </summary>
public sealed class TicketStream : SingleStreamProjection<Ticket, Guid>
{
    public override Ticket Evolve(Ticket? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Data is TicketEvent ticketEvent ? Ticket.Evolve(snapshot ?? Ticket.Initial, ticketEvent) : snapshot ?? Ticket.Initial;
    }
}
