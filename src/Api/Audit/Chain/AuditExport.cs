using Npgsql;
using Ticketing.Projections.Tickets.Queries;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// <c>GET /api/audit/tickets/{id}/export</c> (ADR 0024): the ticket's history and its Taskfire copy's, every event in the
/// chain's canonical fields with its stored link, and for each stream the newest signed checkpoint holding its head, with
/// the Merkle path from that head to the checkpoint's root, and the public keys. <see cref="OfflineVerifier"/> checks it
/// without a database.
/// </summary>
public sealed record AuditExport(
    string Format,
    Guid TicketId,
    string ExportedAt,
    IReadOnlyList<ExportedStream> Streams,
    IReadOnlyList<Checkpoint> Checkpoints,
    IReadOnlyList<AuditPublicKey> Keys)
{
    public const string FormatName = "ticketing.audit-export.v1";
}

public sealed record ExportedStream(Guid StreamId, AuditedStream Role, IReadOnlyList<ExportedEvent> Events, HeadProof? SignedHead);

/// <summary>An event's canonical fields (<see cref="ChainedEvent"/>) as stored, and the link stored for it (hex).</summary>
public sealed record ExportedEvent(
    long Sequence,
    long Version,
    Guid? EventId,
    string Type,
    string RecordedAt,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    string Data,
    string? Hash)
{
    public ChainedEvent ToChained(Guid streamId) =>
        new(streamId, Version, Sequence, EventId, Type, RecordedAt, CorrelationId, CausationId, Headers, Data);
}

/// <summary>The stream's head a checkpoint signed: its version, its leaf's index among the checkpoint's heads and the path (hex, lowest first).</summary>
public sealed record HeadProof(long Checkpoint, long Version, int Index, IReadOnlyList<string> Path);

public sealed class AuditExporter(NpgsqlDataSource dataSource, ChainVerifier verifier, CheckpointWriter checkpoints, AuditSigningKeys keys, TimeProvider time)
{
    /// <summary>The export, or null when the ticket has no events. Signs a checkpoint first, so the export is covered up to now.</summary>
    public async Task<AuditExport?> ExportAsync(Guid ticketId, CancellationToken ct)
    {
        var streams = await verifier.TicketStreamsAsync(ticketId, ct);
        if (streams is null)
        {
            return null;
        }

        await checkpoints.WriteAsync(force: true, ct);
        var events = new Dictionary<Guid, List<ExportedEvent>>();
        await foreach (var ((e, hash, _), _) in StoredEvents.ReadAsync(dataSource, streams, ct))
        {
            if (!events.TryGetValue(e.StreamId, out var list))
            {
                events[e.StreamId] = list = [];
            }

            list.Add(new ExportedEvent(e.Sequence, e.Version, e.EventId, e.Type, e.RecordedAt, e.CorrelationId, e.CausationId, e.Headers, e.Data,
                hash is null ? null : EventChain.Hex(hash)));
        }

        var stored = await StoredCheckpoints.LoadAsync(dataSource, ct);
        var used = new SortedDictionary<long, Checkpoint>();
        var exported = new List<ExportedStream>();
        foreach (var streamId in streams.Where(events.ContainsKey))
        {
            HeadProof? proof = null;
            var signedIn = stored.LastOrDefault(c => c.HeadOf(streamId) is not null);
            if (signedIn is not null)
            {
                var index = signedIn.Heads.ToList().FindIndex(h => h.StreamId == streamId);
                var leaves = signedIn.Heads.Select(h => MerkleTree.HeadLeaf(h.StreamId, h.Version, h.Hash)).ToList();
                proof = new HeadProof(signedIn.Checkpoint.Number, signedIn.Heads[index].Version, index,
                    [.. MerkleTree.Proof(leaves, index).Select(EventChain.Hex)]);
                used[signedIn.Checkpoint.Number] = signedIn.Checkpoint;
            }

            exported.Add(new ExportedStream(streamId, streamId == ticketId ? AuditedStream.Ticket : AuditedStream.LinkedCopy, events[streamId], proof));
        }

        return new AuditExport(AuditExport.FormatName, ticketId, Checkpoint.Time(time.GetUtcNow()), exported, [.. used.Values],
            await keys.PublishedAsync(ct));
    }

}
