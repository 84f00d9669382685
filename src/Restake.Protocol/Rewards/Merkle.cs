using Restake.Primitives;

namespace Restake.Protocol.Rewards;

/// <summary>
/// The two-level reward merkle tree of the RewardsCoordinator: token leaves
/// keccak256(uint8 1 ‖ token ‖ uint256 cumulativeEarnings) under each earner's token root, earner
/// leaves keccak256(uint8 0 ‖ earner ‖ earnerTokenRoot) under the distribution root. Trees are
/// binary keccak over (left ‖ right), padded to a power of two with zero leaves, as the reference's
/// proof generator builds them; a single leaf is its own root.
/// </summary>
public static class Merkle
{
    public const byte EarnerLeafSalt = 0;
    public const byte TokenLeafSalt = 1;

    public static byte[] TokenLeafHash(Address token, UInt256 cumulativeEarnings)
    {
        Span<byte> buffer = stackalloc byte[53];
        buffer[0] = TokenLeafSalt;
        token.Write(buffer[1..21]);
        cumulativeEarnings.WriteBigEndian(buffer[21..53]);
        return Keccak.Hash(buffer);
    }

    public static byte[] EarnerLeafHash(Address earner, ReadOnlySpan<byte> earnerTokenRoot)
    {
        Span<byte> buffer = stackalloc byte[53];
        buffer[0] = EarnerLeafSalt;
        earner.Write(buffer[1..21]);
        earnerTokenRoot.CopyTo(buffer[21..53]);
        return Keccak.Hash(buffer);
    }

    /// <summary>A tree over the given leaves; every level is kept so proofs are cheap.</summary>
    public sealed class Tree
    {
        private readonly List<byte[][]> _levels = [];

        public Tree(IReadOnlyList<byte[]> leaves)
        {
            if (leaves.Count == 0)
            {
                throw new ArgumentException("a merkle tree needs at least one leaf", nameof(leaves));
            }
            var width = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)leaves.Count);
            var level = new byte[width][];
            for (var i = 0; i < width; i++)
            {
                level[i] = i < leaves.Count ? leaves[i] : new byte[32];
            }
            _levels.Add(level);
            while (level.Length > 1)
            {
                var below = level;
                var next = new byte[below.Length / 2][];
                // Large levels are hashed on every core; each node depends only on its two children.
                if (next.Length >= 4096)
                {
                    Parallel.For(0, next.Length, i => next[i] = HashPair(below[2 * i], below[(2 * i) + 1]));
                }
                else
                {
                    for (var i = 0; i < next.Length; i++)
                    {
                        next[i] = HashPair(below[2 * i], below[(2 * i) + 1]);
                    }
                }
                _levels.Add(next);
                level = next;
            }
        }

        public byte[] Root => _levels[^1][0];

        private static byte[] HashPair(byte[] left, byte[] right)
        {
            Span<byte> pair = stackalloc byte[64];
            left.CopyTo(pair);
            right.CopyTo(pair[32..]);
            return Keccak.Hash(pair);
        }

        /// <summary>The siblings from the leaf up, concatenated (the reference's proof bytes).</summary>
        public byte[] Proof(int index)
        {
            var proof = new byte[32 * (_levels.Count - 1)];
            for (var level = 0; level < _levels.Count - 1; level++)
            {
                _levels[level][index ^ 1].CopyTo(proof, 32 * level);
                index /= 2;
            }
            return proof;
        }
    }

    /// <summary>Merkle.processInclusionProofKeccak: even index hashes (node ‖ sibling), odd (sibling ‖ node).</summary>
    public static bool Verify(ReadOnlySpan<byte> root, long index, ReadOnlySpan<byte> proof, ReadOnlySpan<byte> leaf)
    {
        if (proof.Length % 32 != 0)
        {
            return false;
        }
        Span<byte> node = stackalloc byte[32];
        leaf.CopyTo(node);
        Span<byte> pair = stackalloc byte[64];
        for (var i = 0; i < proof.Length; i += 32)
        {
            if (index % 2 == 0)
            {
                node.CopyTo(pair);
                proof.Slice(i, 32).CopyTo(pair[32..]);
            }
            else
            {
                proof.Slice(i, 32).CopyTo(pair);
                node.CopyTo(pair[32..]);
            }
            Keccak.Hash(pair, node);
            index /= 2;
        }
        return index == 0 && node.SequenceEqual(root);
    }
}
