using System.Globalization;
using Npgsql;
using Ticketing.Projections.Tickets;

namespace Ticketing.Api.Audit.Chain;

/// <summary>The outcome of <c>GET /api/audit/verify</c>: what was checked and the first broken link in log order, if any.</summary>
public sealed record ChainVerification(
    bool Intact,
    Guid? TicketId,
    int StreamsChecked,
    long EventsChecked,
    int CheckpointsChecked,
    long? LastCheckpoint,
    long SignedThroughSequence,
    ChainProblem? FirstBrokenLink,
    int ProblemCount);

/// <summary>
/// Walks the chains in the database (ADR 0024): every stream, or a ticket's and its Taskfire copy's, recomputed from the
/// stored events and compared with the stored links; the checkpoints' sequence, hash chain, signature and Merkle root;
/// and that every event a checkpoint's range covers is under a head that checkpoint signed, with the same link.
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource dataSource, AuditSigningKeys keys)
{
    // The partner of a Taskfire pair is named in the ticket's own linking events (as TicketAuditQuery finds it).
    private const string TicketStreamsSql = $"""
        select array[$1] || array(
            select (x.data->>'copyId')::uuid from mt_events x
            where x.stream_id = $1 and x.type = '{TicketEventTypes.AssignedToTaskfire}'
            union
            select (x.data->>'mspTicketId')::uuid from mt_events x
            where x.stream_id = $1 and x.type = '{TicketEventTypes.TaskfireCopyCreated}')
        """;

    // Links whose event is gone (a deleted event, also at a stream's end).
    private const string OrphanLinksSelect = """
        select c.stream_id, c.version, c.seq_id from event_chain c
        where not exists (select from mt_events e where e.stream_id = c.stream_id and e.version = c.version)
        """;

    public async Task<Guid[]?> TicketStreamsAsync(Guid ticketId, CancellationToken ct)
    {
        await using var select = dataSource.CreateCommand(TicketStreamsSql + " where exists (select from mt_events where stream_id = $1)");
        select.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        return await select.ExecuteScalarAsync(ct) as Guid[];
    }

    public async Task<ChainVerification> VerifyAsync(Guid? ticketId, Guid[]? streams, CancellationToken ct)
    {
        var problems = new List<ChainProblem>();
        var published = await keys.PublishedAsync(ct);
        var checkpoints = await StoredCheckpoints.LoadAsync(dataSource, ct);
        CheckCheckpoints(checkpoints, published, problems);
        var lastSigned = StoredCheckpoints.LastSignedVersions(checkpoints);

        long eventsChecked = 0;
        var streamsChecked = 0;
        var current = new List<StoredLink>();
        long? recorded = null;
        await foreach (var (link, streamVersion) in StoredEvents.ReadAsync(dataSource, streams, ct))
        {
            if (current.Count > 0 && current[0].Event.StreamId != link.Event.StreamId)
            {
                CheckStream(current[0].Event.StreamId, current, recorded, checkpoints, lastSigned, problems);
                streamsChecked++;
                current.Clear();
            }

            current.Add(link);
            recorded = streamVersion;
            eventsChecked++;
        }

        if (current.Count > 0)
        {
            CheckStream(current[0].Event.StreamId, current, recorded, checkpoints, lastSigned, problems);
            streamsChecked++;
        }

        await using (var orphans = dataSource.CreateCommand(streams is null ? OrphanLinksSelect : OrphanLinksSelect + " and c.stream_id = any ($1)"))
        {
            if (streams is not null)
            {
                orphans.Parameters.Add(new NpgsqlParameter { Value = streams });
            }

            await using var reader = await orphans.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (streamId, version, sequence) = (reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2));
                if (!problems.Any(p => p.StreamId == streamId && p.Code == "event.missing"))
                {
                    problems.Add(new ChainProblem("event.missing", Invariant(
                        $"Version {version} (sequence {sequence}) was appended but is no longer in the log."), streamId, version, sequence));
                }
            }
        }

        var first = problems.OrderBy(p => p.Sequence ?? long.MaxValue).ThenBy(p => p.Checkpoint ?? long.MaxValue).FirstOrDefault();
        return new ChainVerification(first is null, ticketId, streamsChecked, eventsChecked, checkpoints.Count,
            checkpoints.Count == 0 ? null : checkpoints[^1].Checkpoint.Number,
            checkpoints.Count == 0 ? 0 : checkpoints[^1].Checkpoint.ToSequence, first, problems.Count);
    }

    private static void CheckCheckpoints(IReadOnlyList<StoredCheckpoint> checkpoints, IReadOnlyList<AuditPublicKey> published, List<ChainProblem> problems)
    {
        var publicKeys = published.ToDictionary(k => k.KeyId, k => AuditPublicKey.Load(k.PublicKeyPem)!, StringComparer.Ordinal);
        StoredCheckpoint? previous = null;
        foreach (var stored in checkpoints)
        {
            var c = stored.Checkpoint;
            var at = c.FromSequence + 1;
            var problem =
                c.Number != (previous?.Checkpoint.Number ?? 0) + 1 ? ("checkpoint.missing", Invariant($"Checkpoint {c.Number} follows checkpoint {previous?.Checkpoint.Number ?? 0}: one is missing."))
                : c.FromSequence != (previous?.Checkpoint.ToSequence ?? 0) ? ("checkpoint.range_gap", Invariant($"Checkpoint {c.Number} starts after sequence {c.FromSequence}, not where the previous one ended."))
                : c.Previous != (previous?.Checkpoint.Hash() ?? Checkpoint.NoPrevious) ? ("checkpoint.previous_mismatch", Invariant($"Checkpoint {c.Number} does not name the previous checkpoint's hash."))
                : !publicKeys.TryGetValue(c.KeyId, out var key) ? ("checkpoint.unknown_key", $"Checkpoint {c.Number} names key {c.KeyId}, which is not published.")
                : !c.IsSignedBy(key) ? ("checkpoint.signature_invalid", Invariant($"Checkpoint {c.Number}'s signature does not verify with key {c.KeyId}: it was altered or signed with another key."))
                : c.Heads != stored.Heads.Count || c.Root != EventChain.Hex(MerkleTree.Root([.. stored.Heads.Select(h => MerkleTree.HeadLeaf(h.StreamId, h.Version, h.Hash))]))
                    ? ("checkpoint.root_mismatch", Invariant($"Checkpoint {c.Number}'s stored heads do not give its signed root."))
                : default((string, string)?);
            if (problem is var (code, detail))
            {
                problems.Add(new ChainProblem(code, detail, Sequence: at, Checkpoint: c.Number));
            }

            previous = stored;
        }

        foreach (var key in publicKeys.Values)
        {
            key.Dispose();
        }
    }

    private static void CheckStream(Guid streamId, IReadOnlyList<StoredLink> events, long? recorded, IReadOnlyList<StoredCheckpoint> checkpoints,
        Dictionary<Guid, (long Version, long Checkpoint)> lastSigned, List<ChainProblem> problems)
    {
        var walk = StreamCheck.Walk(streamId, events, recorded);
        if (walk.Problem is not null)
        {
            problems.Add(walk.Problem);
            return;
        }

        // Every event a checkpoint's range covers is under that checkpoint's head of its stream, with the link signed there.
        foreach (var (e, _, _) in events)
        {
            var covering = StoredCheckpoints.Covering(checkpoints, e.Sequence);
            if (covering is null)
            {
                break;
            }

            var head = covering.HeadOf(streamId);
            if (head is null || head.Version < e.Version)
            {
                problems.Add(new ChainProblem("event.not_in_checkpoint", Invariant(
                    $"Version {e.Version} has sequence {e.Sequence}, which checkpoint {covering.Checkpoint.Number} covers, but that checkpoint signed {(head is null ? "no head of the stream" : $"the stream only up to version {head.Version}")}."),
                    streamId, e.Version, e.Sequence, covering.Checkpoint.Number));
                return;
            }

            if (head.Version == e.Version && !walk.Links[e.Version].AsSpan().SequenceEqual(head.Hash))
            {
                problems.Add(new ChainProblem("checkpoint.head_mismatch", Invariant(
                    $"Checkpoint {covering.Checkpoint.Number} signed a different link for version {e.Version}: an event up to this version was changed and the links rewritten."),
                    streamId, e.Version, e.Sequence, covering.Checkpoint.Number));
                return;
            }
        }

        if (lastSigned.TryGetValue(streamId, out var signed) && signed.Version > walk.LastVersion)
        {
            problems.Add(new ChainProblem("event.missing", Invariant(
                $"Checkpoint {signed.Checkpoint} signed version {signed.Version}, but the stream ends at version {walk.LastVersion}."),
                streamId, walk.LastVersion + 1, null, signed.Checkpoint));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
