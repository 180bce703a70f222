using Alba;
using Wolverine;
using Wolverine.Tracking;

namespace Ticketing.Api.Tests.Infrastructure;

/// <summary>
/// Waiting for the messages a step causes with Wolverine's tracked sessions instead of polling. The session is active on
/// the host's Wolverine runtime (not on a caller), so it records whatever the step sets off however it is called — an
/// Alba scenario, a plain <see cref="HttpClient"/>, <see cref="IMessageBus"/> — and ends once every message recorded
/// meanwhile has been handled: messages cascaded by a handler, notices forwarded from Marten events into the appending
/// session's outbox, and mails queued in a plain transaction's outbox, all on durable local queues. A handler that
/// throws fails the session unless the step is tracked with <c>assertNoExceptions: false</c>.
/// </summary>
/// <remarks>
/// A message scheduled for later (a retry after a back-off) counts as done when it is scheduled; such waits are not
/// tracked. No external transport is involved (mail leaves through a transport of our own inside a handler), so
/// <c>IncludeExternalTransports</c> is not needed.
/// </remarks>
public static class TrackedMessaging
{
    /// <summary>How long a tracked step may take, its messages included, before the session fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="step"/> and waits until every message it set off has been handled.</summary>
    public static Task<ITrackedSession> TrackedAsync(
        this ApiFactory api, Func<Task> step, TimeSpan? timeout = null, bool assertNoExceptions = true)
    {
        var tracking = api.Host.TrackActivity().Timeout(timeout ?? Patience);
        if (!assertNoExceptions)
        {
            tracking = tracking.DoNotAssertOnExceptionsDetected();
        }

        return tracking.ExecuteAndWaitAsync((IMessageContext _) => step());
    }

    /// <summary>Runs an Alba scenario (as a caller of the test's choosing) and waits for the messages it set off.</summary>
    public static async Task<(IScenarioResult Result, ITrackedSession Session)> TrackedScenarioAsync(this ApiFactory api, Func<Task<IScenarioResult>> scenario)
    {
        IScenarioResult? result = null;
        var session = await api.TrackedAsync(async () => result = await scenario());
        return (result!, session);
    }

    /// <summary>Runs an anonymous Alba scenario and waits for the messages it set off.</summary>
    public static Task<(IScenarioResult Result, ITrackedSession Session)> TrackedScenarioAsync(this ApiFactory api, Action<Scenario> configure) =>
        api.TrackedScenarioAsync(() => api.Scenario(configure));

    /// <summary>
    /// The messages of <typeparamref name="T"/> the tracked step set off (sent in the session) and handled successfully,
    /// each once. A message sent before the session (a straggler of an earlier step, such as a contact's welcome mail)
    /// may finish during it; it is not the step's and is left out.
    /// </summary>
    public static IReadOnlyList<T> Handled<T>(this ITrackedSession session)
    {
        var sentInSession = session.Sent.Envelopes().Select(e => e.Id).ToHashSet();
        return [.. session.MessageSucceeded.Envelopes().Where(e => sentInSession.Contains(e.Id)).Select(e => e.Message).OfType<T>().Distinct()];
    }
}
