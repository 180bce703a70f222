using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// <c>dotnet run --project src/Api -- audit verify FILE [--keys KEYS]</c>: checks an export of
/// <c>GET /api/audit/tickets/{id}/export</c> without a database (nothing is started; the host is not even built). Each
/// stream's chain is recomputed from the exported events; its signed head's Merkle path must lead to the root of a
/// checkpoint whose signature verifies with the exported key, whose id must be that key's own. With <c>--keys</c> (the
/// body of <c>GET /api/audit/keys</c>, fetched from the server itself) only those keys are trusted, so an export
/// re-signed with a key of the forger's own fails. Exit codes: 0 verified and fully signed; 1 a broken link or a
/// forged checkpoint; 2 unreadable input; 3 intact, but events newer than the covering checkpoint are not signed yet.
/// </summary>
public static class OfflineVerifier
{
    public const string CommandName = "audit";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static bool IsCommand(string[] args) => args is [CommandName, ..];

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var (file, keysFile) = args switch
        {
            [CommandName, "verify", var f] => (f, null),
            [CommandName, "verify", var f, "--keys", var k] => (f, k),
            _ => (null, (string?)null),
        };
        if (file is null)
        {
            output.WriteLine("Usage: audit verify EXPORT.json [--keys KEYS.json]  (an export of GET /api/audit/tickets/{id}/export; KEYS from GET /api/audit/keys)");
            return 2;
        }

        AuditExport export;
        AuditPublicKey[]? trusted = null;
        try
        {
            export = JsonSerializer.Deserialize<AuditExport>(File.ReadAllText(file), Json) ?? throw new JsonException("The file holds no export.");
            if (keysFile is not null)
            {
                trusted = JsonSerializer.Deserialize<AuditPublicKey[]>(File.ReadAllText(keysFile), Json) ?? [];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            output.WriteLine($"UNREADABLE: {e.Message}");
            return 2;
        }

        if (export.Format != AuditExport.FormatName)
        {
            output.WriteLine($"UNREADABLE: the file's format is '{export.Format}', not {AuditExport.FormatName}.");
            return 2;
        }

        var outcome = Verify(export, trusted);
        foreach (var line in outcome.Lines)
        {
            output.WriteLine(line);
        }

        if (outcome.Problem is { } problem)
        {
            output.WriteLine(Invariant($"BROKEN: {problem.Code} — {problem.Detail}") + Where(problem));
            return 1;
        }

        output.WriteLine(outcome.Unsigned == 0
            ? Invariant($"VERIFIED: ticket {export.TicketId}, {outcome.Events} events in {export.Streams.Count} stream(s), every one under a signed checkpoint.")
            : Invariant($"INTACT BUT NOT FULLY SIGNED: ticket {export.TicketId}: {outcome.Unsigned} event(s) are newer than the covering checkpoint; export again later."));
        return outcome.Unsigned == 0 ? 0 : 3;
    }

    public sealed record Outcome(ChainProblem? Problem, long Events, long Unsigned, IReadOnlyList<string> Lines);

    public static Outcome Verify(AuditExport export, IReadOnlyList<AuditPublicKey>? trusted)
    {
        ArgumentNullException.ThrowIfNull(export);
        var lines = new List<string>();
        long events = 0, unsigned = 0;
        foreach (var stream in export.Streams)
        {
            var walk = StreamCheck.Walk(stream.StreamId,
                [.. stream.Events.Select(e => new StoredLink(e.ToChained(stream.StreamId), Bytes(e.Hash), null))], null);
            if (walk.Problem is not null)
            {
                return new(walk.Problem, events, unsigned, lines);
            }

            events += stream.Events.Count;
            if (stream.SignedHead is not { } head)
            {
                return new(Problem("checkpoint.none", "No signed checkpoint covers this stream: the export proves nothing about it.", stream.StreamId, null, null), events, unsigned, lines);
            }

            var checkpoint = export.Checkpoints.FirstOrDefault(c => c.Number == head.Checkpoint);
            if (checkpoint is null)
            {
                return new(Problem("checkpoint.missing", Invariant($"The stream's head is signed by checkpoint {head.Checkpoint}, which the export does not hold."), stream.StreamId, head.Version, head.Checkpoint), events, unsigned, lines);
            }

            if (CheckSignature(checkpoint, export.Keys, trusted) is { } signatureProblem)
            {
                return new(signatureProblem with { StreamId = stream.StreamId }, events, unsigned, lines);
            }

            if (!walk.Links.TryGetValue(head.Version, out var link))
            {
                return new(Problem("event.missing", Invariant($"Checkpoint {checkpoint.Number} signed version {head.Version}, but the stream ends at version {walk.LastVersion}."), stream.StreamId, walk.LastVersion + 1, checkpoint.Number), events, unsigned, lines);
            }

            var root = MerkleTree.RootFromProof(MerkleTree.HeadLeaf(stream.StreamId, head.Version, link), head.Index, checkpoint.Heads,
                [.. head.Path.Select(p => Bytes(p) ?? [])]);
            if (root is null || EventChain.Hex(root) != checkpoint.Root)
            {
                return new(Problem("checkpoint.head_mismatch", Invariant($"Version {head.Version}'s link is not the head checkpoint {checkpoint.Number} signed: the events up to it were changed, or the path was."), stream.StreamId, head.Version, checkpoint.Number), events, unsigned, lines);
            }

            var newer = stream.Events.Count(e => e.Version > head.Version);
            unsigned += newer;
            lines.Add(Invariant($"{stream.Role} {stream.StreamId}: versions 1..{walk.LastVersion} chain intact; 1..{head.Version} signed by checkpoint {checkpoint.Number} (key {checkpoint.KeyId}, {checkpoint.CreatedAt})")
                + (newer > 0 ? Invariant($"; {newer} newer event(s) not signed yet") : ""));
        }

        return new(null, events, unsigned, lines);
    }

    private static ChainProblem? CheckSignature(Checkpoint checkpoint, IReadOnlyList<AuditPublicKey> exported, IReadOnlyList<AuditPublicKey>? trusted)
    {
        var published = (trusted ?? exported).FirstOrDefault(k => k.KeyId == checkpoint.KeyId);
        if (published is null)
        {
            return Problem("checkpoint.unknown_key", trusted is null
                ? $"Checkpoint {checkpoint.Number} names key {checkpoint.KeyId}, which the export does not hold."
                : $"Checkpoint {checkpoint.Number} is signed with key {checkpoint.KeyId}, which is not among the trusted keys.", null, null, checkpoint.Number);
        }

        using var key = AuditPublicKey.Load(published.PublicKeyPem);
        if (key is null || AuditPublicKey.IdOf(key) != published.KeyId)
        {
            return Problem("checkpoint.unknown_key", $"Key {published.KeyId} is not the ECDSA P-256 key its id names.", null, null, checkpoint.Number);
        }

        return checkpoint.IsSignedBy(key)
            ? null
            : Problem("checkpoint.signature_invalid", Invariant($"Checkpoint {checkpoint.Number}'s signature does not verify with key {checkpoint.KeyId}: it was altered or signed with another key."), null, null, checkpoint.Number);
    }

    private static ChainProblem Problem(string code, string detail, Guid? stream, long? version, long? checkpoint) =>
        new(code, detail, stream, version, null, checkpoint);

    private static byte[]? Bytes(string? hex)
    {
        try
        {
            return hex is null ? null : Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static string Where(ChainProblem p)
    {
        var parts = new List<string>();
        if (p.StreamId is not null)
        {
            parts.Add(Invariant($"stream {p.StreamId}"));
        }

        if (p.Version is not null)
        {
            parts.Add(Invariant($"version {p.Version}"));
        }

        if (p.Sequence is not null)
        {
            parts.Add(Invariant($"sequence {p.Sequence}"));
        }

        if (p.Checkpoint is not null)
        {
            parts.Add(Invariant($"checkpoint {p.Checkpoint}"));
        }

        return parts.Count == 0 ? "" : $" [{string.Join(", ", parts)}]";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
