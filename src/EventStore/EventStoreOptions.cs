using Ticketing.EventStore.Projections;
using Ticketing.EventStore.Serialization;

namespace Ticketing.EventStore;

/// <summary>Configuration of the event store, its event types and its projections.</summary>
public sealed class EventStoreOptions
{
    private readonly List<Action<EventTypeRegistry>> eventTypes = [];
    private readonly List<Type> inlineProjections = [];
    private readonly List<Type> asyncProjections = [];

    /// <summary>False for CLI commands and tests: async projections are then not followed in the background.</summary>
    public bool RunAsyncProjections { get; set; } = true;

    /// <summary>Events per async-projection transaction when following the log live.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Events per transaction when rebuilding or catching up a long way behind.</summary>
    public int RebuildBatchSize { get; set; } = 5_000;

    /// <summary>
    /// How long a rebuild of an async projection waits for transactions, open elsewhere in the cluster, that hold
    /// back events up to the log's end as of its start (see <see cref="RebuildResult.NotYetReplayed"/>).
    /// </summary>
    public TimeSpan RebuildCatchUpTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often runners look at the log without being woken. Local appends wake runners in-process at once;
    /// this poll covers appends made on other nodes and events that become visible when an older transaction
    /// ends. A NOTIFY inside the append transaction was rejected: PostgreSQL holds its notify-queue lock
    /// across commit, which serialises all appending commits.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of the exponential back-off after transient errors.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    internal IReadOnlyList<Action<EventTypeRegistry>> EventTypes => eventTypes;

    internal IReadOnlyList<Type> InlineProjections => inlineProjections;

    internal IReadOnlyList<Type> AsyncProjections => asyncProjections;

    /// <summary>Registers event types, aliases and upcasters.</summary>
    public EventStoreOptions ConfigureEvents(Action<EventTypeRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        eventTypes.Add(configure);
        return this;
    }

    /// <summary>A projection updated in the append's transaction (read-your-writes).</summary>
    public EventStoreOptions AddInlineProjection<T>() where T : class, IProjection
    {
        inlineProjections.Add(typeof(T));
        return this;
    }

    /// <summary>A projection followed in the background, once across all nodes.</summary>
    public EventStoreOptions AddAsyncProjection<T>() where T : class, IProjection
    {
        asyncProjections.Add(typeof(T));
        return this;
    }
}
