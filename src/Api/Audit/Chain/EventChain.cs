using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// One stored event in the form the chain hashes (ADR 0024): Marten's columns as PostgreSQL returns them. The JSON
/// (<see cref="Data"/>, <see cref="Headers"/>) is the stored jsonb's text, byte for byte; <see cref="RecordedAt"/> is the
/// timestamp in UTC with microseconds (<c>event_chain_time</c>). An export carries exactly these strings.
/// </summary>
public sealed record ChainedEvent(
    Guid StreamId,
    long Version,
    long Sequence,
    Guid? EventId,
    string Type,
    string RecordedAt,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    string Data);

/// <summary>
/// The event chain's canonical form and link, the same as the database trigger's (<c>event_chain_canonical</c>,
/// <c>event_chain_link</c>, migration 0950): <c>hash(v) = SHA-256(hash(v-1) || canonical(v))</c>, 32 zero bytes before
/// version 1. The canonical form is the line <c>ticketing.event.v1</c>, then each field as its UTF-8 byte length, ':',
/// the bytes and a line feed (an absent field is <c>-</c> and a line feed), in the order stream id, version, sequence,
/// event id, type, recorded at, correlation id, causation id, headers, data. Needs no database.
/// </summary>
public static class EventChain
{
    public const string EventFormat = "ticketing.event.v1";

    public static byte[] Genesis => new byte[32];

    public static byte[] Canonical(ChainedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var bytes = new MemoryStream();
        Write(bytes, Encoding.UTF8.GetBytes(EventFormat + "\n"));
        Field(bytes, e.StreamId.ToString("D"));
        Field(bytes, e.Version.ToString(CultureInfo.InvariantCulture));
        Field(bytes, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(bytes, e.EventId?.ToString("D"));
        Field(bytes, e.Type);
        Field(bytes, e.RecordedAt);
        Field(bytes, e.CorrelationId);
        Field(bytes, e.CausationId);
        Field(bytes, e.Headers);
        Field(bytes, e.Data);
        return bytes.ToArray();
    }

    /// <summary>The event's link: the hash of its predecessor's link and its own canonical bytes.</summary>
    public static byte[] Link(byte[] previous, ChainedEvent e)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return SHA256.HashData([.. previous, .. Canonical(e)]);
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static void Field(MemoryStream bytes, string? value)
    {
        if (value is null)
        {
            Write(bytes, "-\n"u8);
            return;
        }

        var utf8 = Encoding.UTF8.GetBytes(value);
        Write(bytes, Encoding.UTF8.GetBytes(utf8.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        Write(bytes, utf8);
        Write(bytes, "\n"u8);
    }

    private static void Write(MemoryStream bytes, ReadOnlySpan<byte> data) => bytes.Write(data);
}

/// <summary>
/// The Merkle tree of a checkpoint's stream heads, as RFC 9162 (2.1) defines it: leaf hash SHA-256(0x00 || leaf), node
/// hash SHA-256(0x01 || left || right), split at the largest power of two below the size; inclusion proofs are the
/// siblings from the leaf up.
/// </summary>
public static class MerkleTree
{
    public static byte[] HeadLeaf(Guid streamId, long version, byte[] hash) =>
        LeafHash(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"ticketing.head.v1\n{streamId:D}\n{version}\n{EventChain.Hex(hash)}")));

    public static byte[] LeafHash(byte[] leaf) => SHA256.HashData([0x00, .. leaf]);

    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        return leaves.Count == 0 ? SHA256.HashData([]) : Root(leaves, 0, leaves.Count);
    }

    /// <summary>The siblings on the path from leaf <paramref name="index"/> to the root, lowest first.</summary>
    public static List<byte[]> Proof(IReadOnlyList<byte[]> leaves, int index)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var proof = new List<byte[]>();
        Path(leaves, index, 0, leaves.Count, proof);
        return proof;
    }

    /// <summary>The root the proof leads to from the leaf, or null when the proof does not fit a tree of that size.</summary>
    public static byte[]? RootFromProof(byte[] leaf, int index, int size, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size)
        {
            return null;
        }

        var used = proof.Count;
        var root = Climb(leaf, index, size, proof, ref used);
        return used == 0 ? root : null;
    }

    private static byte[]? Climb(byte[] leaf, int index, int size, IReadOnlyList<byte[]> proof, ref int remaining)
    {
        if (size == 1)
        {
            return leaf;
        }

        if (remaining == 0)
        {
            return null;
        }

        var sibling = proof[--remaining];
        var split = Split(size);
        if (index < split)
        {
            var left = Climb(leaf, index, split, proof, ref remaining);
            return left is null ? null : Node(left, sibling);
        }

        var right = Climb(leaf, index - split, size - split, proof, ref remaining);
        return right is null ? null : Node(sibling, right);
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var split = Split(count);
        return Node(Root(leaves, start, split), Root(leaves, start + split, count - split));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int index, int start, int count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }

        var split = Split(count);
        if (index < split)
        {
            Path(leaves, index, start, split, proof);
            proof.Add(Root(leaves, start + split, count - split));
        }
        else
        {
            Path(leaves, index - split, start + split, count - split, proof);
            proof.Add(Root(leaves, start, split));
        }
    }

    private static int Split(int count)
    {
        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        return split;
    }

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);
}
