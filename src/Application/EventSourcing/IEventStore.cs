namespace Ticketing.Application.EventSourcing;

/// <summary>
/// The event log. Appends check the expected version and run the inline projections in the same
/// transaction, so a read model queried right after a successful append already shows its effect.
/// </summary>
public interface IEventStore
{
    /// <summary>All events of a stream in version order.</summary>
    Task<StreamEvents> ReadStreamAsync(Guid streamId, CancellationToken ct);

    /// <summary>The events of a stream with a version up to and including <paramref name="toVersion"/>.</summary>
    Task<StreamEvents> ReadStreamAsync(Guid streamId, long toVersion, CancellationToken ct);

    /// <summary>The events of a stream recorded at or before <paramref name="until"/> (state "as of" an instant).</summary>
    Task<StreamEvents> ReadStreamAsync(Guid streamId, DateTimeOffset until, CancellationToken ct);

    /// <summary>Appends to one stream; throws <see cref="ConcurrencyException"/> when the version does not match.</summary>
    Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct);

    /// <summary>
    /// Appends to several streams in one transaction: either every append succeeds or nothing is written
    /// (a conflict on any stream throws <see cref="ConcurrencyException"/>).
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct);

    /// <summary>
    /// The global log after <paramref name="fromSequenceExclusive"/> in sequence order, in batches. Sequence
    /// order is not commit order: use the projection runner, not this, to follow the log live.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<RecordedEvent>> ReadAllAsync(long fromSequenceExclusive, int batchSize, CancellationToken ct);
}
