using Sha = System.Security.Cryptography.SHA256;

namespace Restake.Babylon.Crypto;

/// <summary>
/// CometBFT's RFC-6962 Merkle tree, which commits a provider's list of public randomness (x/finality MsgCommitPubRandList):
/// leaf = SHA256(0x00 ‖ item), inner = SHA256(0x01 ‖ left ‖ right), split at the largest power of two below the count.
/// </summary>
public static class Rfc6962Merkle
{
    public static byte[] LeafHash(byte[] item) => Sha.HashData([0, .. item]);

    public static byte[] InnerHash(byte[] left, byte[] right) => Sha.HashData([1, .. left, .. right]);

    public static byte[] Root(IReadOnlyList<byte[]> items) => items.Count switch
    {
        0 => Sha.HashData([]),
        1 => LeafHash(items[0]),
        _ => InnerHash(Root(items.Take(Split(items.Count)).ToList()), Root(items.Skip(Split(items.Count)).ToList())),
    };

    /// <summary>The aunts from the leaf up to the root (the leaf's sibling first).</summary>
    public static List<byte[]> Proof(IReadOnlyList<byte[]> items, int index)
    {
        if (items.Count <= 1)
        {
            return [];
        }
        var k = Split(items.Count);
        var left = items.Take(k).ToList();
        var right = items.Skip(k).ToList();
        if (index < k)
        {
            var proof = Proof(left, index);
            proof.Add(Root(right));
            return proof;
        }
        var p = Proof(right, index - k);
        p.Add(Root(left));
        return p;
    }

    public static bool Verify(byte[] root, byte[] item, int index, int total, IReadOnlyList<byte[]> aunts) =>
        index >= 0 && index < total && FromAunts(index, total, LeafHash(item), aunts) is { } computed && computed.AsSpan().SequenceEqual(root);

    private static byte[]? FromAunts(int index, int total, byte[] leaf, IReadOnlyList<byte[]> aunts)
    {
        if (total == 1)
        {
            return aunts.Count == 0 ? leaf : null;
        }
        if (aunts.Count == 0)
        {
            return null;
        }
        var k = Split(total);
        var rest = aunts.Take(aunts.Count - 1).ToList();
        if (index < k)
        {
            var left = FromAunts(index, k, leaf, rest);
            return left is null ? null : InnerHash(left, aunts[^1]);
        }
        var right = FromAunts(index - k, total - k, leaf, rest);
        return right is null ? null : InnerHash(aunts[^1], right);
    }

    /// <summary>The largest power of two strictly below n (n ≥ 2).</summary>
    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }
        return k;
    }
}
