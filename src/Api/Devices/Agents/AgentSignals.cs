using System.Collections.Concurrent;

namespace Ticketing.Api.Devices.Agents;

/// <summary>
/// Wakes a device's long poll on this node when an action is dispatched to it (ADR 0030). Another node's dispatch is
/// not signalled here: the poll also looks at the database every <see cref="Recheck"/>, so it is found then.
/// </summary>
public sealed class AgentSignals
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiting = new();

    /// <summary>Completes when <see cref="Notify"/> is called for the device, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(Guid deviceId, TimeSpan timeout, CancellationToken ct)
    {
        var signal = _waiting.GetOrAdd(deviceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // Nothing dispatched here: the caller looks at the database again.
        }
    }

    public void Notify(Guid deviceId)
    {
        if (_waiting.TryRemove(deviceId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
