using System.Globalization;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// A broken link: where (stream, version, global sequence, checkpoint; whichever apply) and what is wrong, as a stable
/// <see cref="Code"/> and a sentence.
/// </summary>
public sealed record ChainProblem(string Code, string Detail, Guid? StreamId = null, long? Version = null, long? Sequence = null, long? Checkpoint = null);

/// <summary>One stored event with the link stored for it (null when none is), as the database or an export holds them.</summary>
public sealed record StoredLink(ChainedEvent Event, byte[]? Hash, long? LinkSequence);

/// <summary>
/// Walks one stream's events in version order and recomputes its chain from the events themselves: the same check for
/// the database (<see cref="ChainVerifier"/>) and for an export (<see cref="OfflineVerifier"/>). Reports the stream's
/// first problem only: after a broken link every later link differs too.
/// </summary>
public static class StreamCheck
{
    public sealed record Result(Dictionary<long, byte[]> Links, long LastVersion, ChainProblem? Problem);

    public static Result Walk(Guid streamId, IReadOnlyList<StoredLink> events, long? recordedVersion)
    {
        ArgumentNullException.ThrowIfNull(events);
        var links = new Dictionary<long, byte[]>();
        var previous = EventChain.Genesis;
        long version = 0;
        long sequence = 0;
        foreach (var (e, storedHash, linkSequence) in events)
        {
            if (e.Version != version + 1)
            {
                return new(links, version, new ChainProblem("event.missing", Invariant(
                    $"Version {version + 1} of the stream is missing: version {version} is followed by version {e.Version}."),
                    streamId, version + 1, e.Sequence));
            }

            if (e.Sequence <= sequence)
            {
                return new(links, version, new ChainProblem("event.out_of_order", Invariant(
                    $"Version {e.Version} has sequence {e.Sequence}, not after version {version}'s sequence {sequence}: the events were reordered."),
                    streamId, e.Version, e.Sequence));
            }

            var link = EventChain.Link(previous, e);
            if (storedHash is null)
            {
                return new(links, version, new ChainProblem("event.link_missing", Invariant(
                    $"Version {e.Version} has no stored link: it was not appended through the log's trigger."), streamId, e.Version, e.Sequence));
            }

            if (linkSequence is not null && linkSequence != e.Sequence)
            {
                return new(links, version, new ChainProblem("event.sequence_changed", Invariant(
                    $"Version {e.Version} now has sequence {e.Sequence}; it was appended as sequence {linkSequence}."), streamId, e.Version, e.Sequence));
            }

            if (!link.AsSpan().SequenceEqual(storedHash))
            {
                return new(links, version, new ChainProblem("event.hash_mismatch", Invariant(
                    $"Version {e.Version} does not hash to its stored link: its data, metadata or place differ from what was appended."),
                    streamId, e.Version, e.Sequence));
            }

            links[e.Version] = link;
            previous = link;
            version = e.Version;
            sequence = e.Sequence;
        }

        if (recordedVersion is { } recorded && recorded != version)
        {
            return new(links, version, new ChainProblem("event.missing", Invariant(
                $"The stream is at version {recorded} but its events end at version {version}."), streamId, version + 1, null));
        }

        return new(links, version, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
