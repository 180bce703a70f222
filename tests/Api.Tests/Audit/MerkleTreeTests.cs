using System.Security.Cryptography;
using Ticketing.Api.Audit.Chain;

namespace Ticketing.Api.Tests.Audit;

/// <summary>The checkpoint's Merkle tree (RFC 9162, 2.1): every leaf's path leads to the root, and only that leaf's.</summary>
public sealed class MerkleTreeTests
{
    [Fact]
    public void Every_leaf_of_trees_of_1_to_33_leaves_proves_its_place_and_no_other_leaf_or_place_does()
    {
        for (var size = 1; size <= 33; size++)
        {
            var leaves = Enumerable.Range(0, size).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
            var root = MerkleTree.Root(leaves);
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.Proof(leaves, index);

                MerkleTree.RootFromProof(leaves[index], index, size, proof).ShouldBe(root, $"leaf {index} of {size}");
                proof.Count.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(Math.Log2(size)));
                MerkleTree.RootFromProof(SHA256.HashData(leaves[index]), index, size, proof).ShouldNotBe(root);
                if (size > 1)
                {
                    MerkleTree.RootFromProof(leaves[index], (index + 1) % size, size, proof).ShouldNotBe(root);
                }
            }
        }
    }

    [Fact]
    public void A_two_leaf_root_is_the_node_hash_of_both_leaves()
    {
        var (left, right) = (MerkleTree.LeafHash([1]), MerkleTree.LeafHash([2]));

        MerkleTree.Root([left, right]).ShouldBe(SHA256.HashData([0x01, .. left, .. right]));
        MerkleTree.Root([left]).ShouldBe(left);
    }
}
