using System.Collections.Concurrent;

namespace Ticketing.Application.Identity.Accounts;

/// <summary>
/// Remembers for <see cref="Lifetime"/> that a session was live, so a client's next requests skip the session lookup
/// (issue 20: one round trip less per request). A revocation on this node forgets everything at once (a generation
/// number: an answer read while a revocation ran is never kept); one on another node takes effect here within
/// <see cref="Lifetime"/> (<c>Ticketing:Auth:SessionCheckCache</c>, 5 s; zero turns the cache off). Only "live" is
/// remembered: an ended session is looked up on every request.
/// </summary>
public sealed class SessionCheckCache(TimeProvider time, TimeSpan lifetime)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<Guid, (long Generation, DateTimeOffset Until)> live = new();
    private long generation;

    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The generation to pass to <see cref="RememberLive"/>: read it before the lookup.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool IsKnownLive(Guid sessionId) =>
        Lifetime > TimeSpan.Zero
        && live.TryGetValue(sessionId, out var entry)
        && entry.Generation == Generation
        && entry.Until > time.GetUtcNow();

    /// <summary>Remembers a lookup that found the session live, unless a revocation happened since <paramref name="readAt"/>.</summary>
    public void RememberLive(Guid sessionId, long readAt)
    {
        if (Lifetime <= TimeSpan.Zero || readAt != Generation)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (live.Count >= MaxEntries)
        {
            foreach (var (id, entry) in live)
            {
                if (entry.Until <= now || entry.Generation != readAt)
                {
                    live.TryRemove(id, out _);
                }
            }

            if (live.Count >= MaxEntries)
            {
                live.Clear();
            }
        }

        live[sessionId] = (readAt, now + Lifetime);
    }

    /// <summary>Forgets every remembered session (a session was revoked on this node).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        live.Clear();
    }
}
