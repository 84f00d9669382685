using System.Security.Cryptography;
using System.Text;

namespace Restake.Picasso;

/// <summary>One step of a membership proof: the sibling hash and whether it sits on the left.</summary>
public sealed record ProofStep(bool SiblingOnLeft, CryptoHash Sibling);

/// <summary>A membership proof: the path from a leaf to the root.</summary>
public sealed record MerkleProof(IReadOnlyList<ProofStep> Steps);

/// <summary>
/// The IBC store: paths to value hashes, committed by a binary SHA-256 Merkle tree over the entries in
/// ordinal path order. It stands in for upstream's sealable Merkle-Patricia trie (same job: one root per
/// block, values stored as hashes, membership proofs against the root); it is ours, not upstream's encoding.
/// <c>leaf = SHA-256(0x00 ‖ u32 LE path length ‖ path ‖ value_hash)</c>, <c>node = SHA-256(0x01 ‖ left ‖ right)</c>,
/// an odd last node moves up unchanged; the empty store's root is all zeros.
/// </summary>
public sealed class StateTrie
{
    private readonly SortedDictionary<string, CryptoHash> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>A frozen copy, so proofs can be made later against a past block's root.</summary>
    public StateTrie Snapshot()
    {
        var copy = new StateTrie();
        foreach (var e in _entries)
        {
            copy._entries[e.Key] = e.Value;
        }
        return copy;
    }

    public void Set(string path, CryptoHash valueHash) => _entries[path] = valueHash;
    public bool Remove(string path) => _entries.Remove(path);
    public CryptoHash? Get(string path) => _entries.TryGetValue(path, out var v) ? v : null;
    public bool Contains(string path) => _entries.ContainsKey(path);

    public static CryptoHash Leaf(string path, CryptoHash valueHash)
    {
        var p = Encoding.UTF8.GetBytes(path);
        return CryptoHash.Digest(new BorshWriter().U8(0).U32((uint)p.Length).Raw(p).Hash(valueHash).ToArray());
    }

    private static CryptoHash Node(CryptoHash l, CryptoHash r) =>
        CryptoHash.Digest(new BorshWriter().U8(1).Hash(l).Hash(r).ToArray());

    public CryptoHash Root => Build(null, out _);

    /// <summary>The proof for <paramref name="path"/>, or null when the path is not in the store.</summary>
    public MerkleProof? Prove(string path)
    {
        if (!_entries.ContainsKey(path))
        {
            return null;
        }
        Build(path, out var steps);
        return new MerkleProof(steps);
    }

    private CryptoHash Build(string? target, out List<ProofStep> steps)
    {
        steps = [];
        if (_entries.Count == 0)
        {
            return CryptoHash.Zero;
        }
        var level = _entries.Select(e => Leaf(e.Key, e.Value)).ToList();
        var index = target is null ? -1 : _entries.Keys.TakeWhile(k => k != target).Count();
        while (level.Count > 1)
        {
            var up = new List<CryptoHash>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                if (i + 1 < level.Count)
                {
                    if (index == i)
                    {
                        steps.Add(new ProofStep(false, level[i + 1]));
                    }
                    else if (index == i + 1)
                    {
                        steps.Add(new ProofStep(true, level[i]));
                    }
                    up.Add(Node(level[i], level[i + 1]));
                }
                else
                {
                    up.Add(level[i]);
                }
            }
            if (index >= 0)
            {
                index /= 2;
            }
            level = up;
        }
        return level[0];
    }

    /// <summary>True when the proof leads from (path, value hash) to <paramref name="root"/>.</summary>
    public static bool Verify(CryptoHash root, string path, CryptoHash valueHash, MerkleProof proof)
    {
        var h = Leaf(path, valueHash);
        foreach (var s in proof.Steps)
        {
            h = s.SiblingOnLeft ? Node(s.Sibling, h) : Node(h, s.Sibling);
        }
        return h == root;
    }
}

/// <summary>An IBC packet on the <c>transfer</c> port.</summary>
public sealed record Packet(ulong Sequence, string SourceChannel, string DestinationChannel, byte[] Data, ulong TimeoutTimestampNs)
{
    public string Text => Encoding.UTF8.GetString(Data);
}

/// <summary>ICS-24 paths and ICS-04 commitments (as ibc-go computes them).</summary>
public static class IbcCommitments
{
    public const string Port = "transfer";

    public static string CommitmentPath(string channel, ulong seq) => $"commitments/ports/{Port}/channels/{channel}/sequences/{seq}";
    public static string ReceiptPath(string channel, ulong seq) => $"receipts/ports/{Port}/channels/{channel}/sequences/{seq}";
    public static string AckPath(string channel, ulong seq) => $"acks/ports/{Port}/channels/{channel}/sequences/{seq}";

    /// <summary>
    /// ibc-go <c>CommitPacket</c>: <c>SHA-256(timeout_timestamp BE u64 ‖ timeout revision_number BE u64 ‖
    /// timeout revision_height BE u64 ‖ SHA-256(data))</c>; our packets time out by timestamp only (height 0-0).
    /// </summary>
    public static CryptoHash Packet(Packet p)
    {
        var buf = new byte[24 + 32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(buf, p.TimeoutTimestampNs);
        SHA256.HashData(p.Data).CopyTo(buf.AsSpan(24));
        return CryptoHash.Digest(buf);
    }

    /// <summary>ibc-go <c>CommitAcknowledgement</c>: SHA-256 of the acknowledgement bytes.</summary>
    public static CryptoHash Ack(byte[] ack) => CryptoHash.Digest(ack);

    /// <summary>A receipt is the single byte 0x01 (ibc-go's ordered-channel-less receipt), stored as its hash.</summary>
    public static CryptoHash Receipt { get; } = CryptoHash.Digest([1]);

    /// <summary>The ICS-20 success acknowledgement, <c>{"result":"AQ=="}</c>.</summary>
    public static byte[] SuccessAck { get; } = Encoding.UTF8.GetBytes("{\"result\":\"AQ==\"}");
}
