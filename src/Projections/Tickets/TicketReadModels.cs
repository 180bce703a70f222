using Ticketing.EventStore;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.List;

namespace Ticketing.Projections.Tickets;

/// <summary>The one call that wires ticket events and the ticket read models into the event store.</summary>
public static class TicketReadModels
{
    public static EventStoreOptions Configure(EventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .ConfigureEvents(TicketEventTypes.Register)
            .AddInlineProjection<TicketListProjection>()
            .AddInlineProjection<TicketDetailProjection>();
    }
}
