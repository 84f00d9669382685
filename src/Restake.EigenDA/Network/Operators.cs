using System.Numerics;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.Protocol.Rewards;

namespace Restake.EigenDA.Network;

/// <summary>
/// An operator id as EigenLayer's BLSApkRegistry derives it: keccak256 of the G1 public key (x ‖ y, 32 bytes each).
/// Ordered byte-wise, which is the order the assignment sorts by.
/// </summary>
public readonly record struct OperatorId(string Hex)
{
    public static OperatorId Of(in Affine<Fp> publicKeyG1) => new(Convert.ToHexStringLower(Keccak.Hash(G1.ToBytes(publicKeyG1))));

    public override string ToString() => "0x" + Hex;
}

/// <summary>What the registry knows of an operator: its id, both BLS public keys and its stake per quorum.</summary>
public sealed record RegisteredOperator(string Name, OperatorId Id, Affine<Fp> PublicKeyG1, Affine<Fp2> PublicKeyG2, IReadOnlyDictionary<byte, BigInteger> Stakes)
{
    public BigInteger StakeIn(byte quorum) => Stakes.TryGetValue(quorum, out var s) ? s : BigInteger.Zero;
}

/// <summary>How an operator behaves: honestly, or one of the faults the network must survive or detect.</summary>
public enum OperatorFault
{
    Honest,
    /// <summary>Stores nothing, signs nothing, serves nothing.</summary>
    Withhold,
    /// <summary>Stores and signs honestly, but serves tampered chunks to retrievers.</summary>
    BadChunks,
    /// <summary>Stores its chunks but signs a different header.</summary>
    WrongHeader,
}

/// <summary>
/// A DA node in process: a BLS key pair and stakes; on <see cref="StoreChunks"/> it checks it was sent exactly its
/// assignment, verifies its chunks' KZG multiproofs against the blob commitment (batched), stores them, and BLS-signs the batch
/// header hash. Any failure rejects the whole batch (no signature), as the write-flow spec says.
/// </summary>
public sealed class DaOperator
{
    private readonly Dictionary<string, Chunk[]> _store = [];

    public DaOperator(string name, BlsKeyPair keys, IReadOnlyDictionary<byte, BigInteger> stakes, OperatorFault fault = OperatorFault.Honest)
    {
        if (stakes.Values.Any(s => s < 0))
        {
            throw new DaException(DaError.BadOperatorSet, $"operator {name}: stakes are non-negative");
        }
        Name = name;
        Keys = keys;
        Fault = fault;
        Registration = new RegisteredOperator(name, OperatorId.Of(keys.PublicKeyG1), keys.PublicKeyG1, keys.PublicKeyG2, new Dictionary<byte, BigInteger>(stakes));
    }

    /// <summary>A devnet operator whose key is derived from its name (for tests and demos only).</summary>
    public static DaOperator Devnet(string name, long stakeQuorum0, OperatorFault fault = OperatorFault.Honest) =>
        new(name, Network.Devnet.KeyOf(name), new Dictionary<byte, BigInteger> { [0] = stakeQuorum0 }, fault);

    public string Name { get; }
    public BlsKeyPair Keys { get; }
    public OperatorFault Fault { get; set; }
    public RegisteredOperator Registration { get; }
    public OperatorId Id => Registration.Id;

    /// <summary>Chunks stored for the blob with this header hash (hex), or none.</summary>
    public int StoredChunkCount(BlobHeader header) => _store.TryGetValue(header.HashHex, out var c) ? c.Length : 0;

    /// <summary>Verifies and stores the assigned chunks; returns the BLS signature on the batch header hash, or null when it refuses.</summary>
    public Affine<Fp>? StoreChunks(BatchHeader batch, BlobHeader blob, ChunkAssignment assignment, IReadOnlyList<Chunk> chunks, BlobEncoder verifier, DaParams p)
    {
        if (Fault == OperatorFault.Withhold || batch.BatchRoot != blob.HashHex)
        {
            return null;
        }
        var encoding = EncodingParams.For(blob.Commitment.Length, p.NumChunks, p.CodingRate);
        if (chunks.Count != assignment.Count || !chunks.Select(c => c.Index).SequenceEqual(assignment.Indices))
        {
            return null;
        }
        // One batched pairing check for all its chunks (any bad chunk fails the batch, and the batch is refused).
        if (!verifier.VerifyBatch(blob.Commitment, encoding, chunks))
        {
            return null;
        }
        _store[blob.HashHex] = [.. chunks];
        var digest = batch.Hash();
        if (Fault == OperatorFault.WrongHeader)
        {
            digest = new BatchHeader(batch.BatchRoot, batch.ReferenceBlockNumber + 1).Hash();
        }
        return Bls.Sign(Keys.SecretKey, digest);
    }

    /// <summary>The stored chunks of a blob, as this operator chooses to serve them.</summary>
    public IReadOnlyList<Chunk> GetChunks(BlobHeader blob)
    {
        if (Fault == OperatorFault.Withhold || !_store.TryGetValue(blob.HashHex, out var chunks))
        {
            return [];
        }
        if (Fault == OperatorFault.BadChunks)
        {
            // Change one symbol of each chunk: the proof no longer matches.
            return [.. chunks.Select(c =>
            {
                var e = c.Evaluations.ToArray();
                e[0] += Fr.One;
                return c with { Evaluations = e };
            })];
        }
        return chunks;
    }
}
