namespace Ticketing.Domain.Tickets;

/// <summary>The events to append to one ticket stream.</summary>
public sealed record StreamEvents(Guid StreamId, IReadOnlyList<TicketEvent> Events);

/// <summary>
/// The outcome of a decision that may touch both tickets of a Taskfire pair. The caller appends every stream
/// in one transaction, each with the expected version it loaded, so the pair never diverges.
/// </summary>
public sealed record TicketDecision(IReadOnlyList<StreamEvents> Streams)
{
    public static TicketDecision Single(Guid streamId, params TicketEvent[] events) =>
        new([new StreamEvents(streamId, events)]);

    /// <summary>The events for <paramref name="streamId"/>, empty when the decision does not touch it.</summary>
    public IReadOnlyList<TicketEvent> For(Guid streamId) =>
        Streams.FirstOrDefault(s => s.StreamId == streamId)?.Events ?? [];
}
