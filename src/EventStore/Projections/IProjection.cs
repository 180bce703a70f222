using Npgsql;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Projections;

/// <summary>
/// A read model maintained by SQL statements, one shape for inline, async and rebuild use. Read models
/// are plain upserts, so a projection only adds parameterised commands to the batch it is given; the
/// store runs them in the right transaction (the append's for inline projections, the checkpoint's for
/// async ones).
/// </summary>
/// <remarks>
/// Inline projections see <see cref="RecordedEvent.Sequence"/> = 0: the append and the projection are sent
/// in one round trip, before the sequence is drawn. Do not depend on it inline (read <c>events.seq</c> in
/// SQL by event id if it is ever needed). Apply must be deterministic and must not do I/O itself, because a
/// batch may be re-applied event by event to find a poison event.
/// </remarks>
public interface IProjection
{
    /// <summary>Stable name: the checkpoint key and the advisory-lock key of an async projection.</summary>
    string Name { get; }

    /// <summary>The tables this projection owns; a rebuild truncates them.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>Adds the commands for <paramref name="event"/> to <paramref name="batch"/>; ignores events it does not handle.</summary>
    void Apply(RecordedEvent @event, NpgsqlBatch batch);
}
