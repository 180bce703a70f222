namespace Ticketing.EventStore.Projections;

/// <summary>
/// Wakes this process's projection runners right after a local append commits. Other nodes' appends are
/// picked up by the runners' short poll; see <see cref="EventStoreOptions.PollInterval"/> for why there is
/// no NOTIFY inside the append transaction.
/// </summary>
internal sealed class ProjectionSignal
{
    private readonly Lock gate = new();
    private readonly List<SemaphoreSlim> subscribers = [];

    public SemaphoreSlim Subscribe()
    {
        var semaphore = new SemaphoreSlim(0, 1);
        lock (gate)
        {
            subscribers.Add(semaphore);
        }

        return semaphore;
    }

    public void Unsubscribe(SemaphoreSlim semaphore)
    {
        lock (gate)
        {
            subscribers.Remove(semaphore);
        }
    }

    public void Notify()
    {
        lock (gate)
        {
            foreach (var semaphore in subscribers)
            {
                try
                {
                    semaphore.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already signalled: the runner will look at the log once for all pending appends.
                }
            }
        }
    }
}
