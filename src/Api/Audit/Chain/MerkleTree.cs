using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Api.Audit.Chain;

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
