using System.Buffers.Binary;
using System.Numerics;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.Protocol.Rewards;

namespace Restake.EigenDA.Network;

/// <summary>
/// The blob header operators attest to: blob version, quorum and the KZG commitment with the blob's length.
/// Hash = keccak256(version u16 ‖ quorum u8 ‖ commitment x ‖ y ‖ length u32), big-endian (a fixed layout of this
/// project, not upstream's ABI encoding).
/// </summary>
public sealed record BlobHeader(int Version, byte Quorum, BlobCommitment Commitment)
{
    public byte[] Hash()
    {
        var b = new byte[2 + 1 + 64 + 4];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)Version);
        b[2] = Quorum;
        G1.ToBytes(Commitment.Commitment).CopyTo(b, 3);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(67), (uint)Commitment.Length);
        return Keccak.Hash(b);
    }

    public string HashHex => Convert.ToHexStringLower(Hash());
}

/// <summary>
/// A batch of one blob: the root is the blob header hash (hex) and the reference block number fixes the operator state.
/// Operators sign Hash = keccak256(root ‖ referenceBlock u64 BE).
/// </summary>
public sealed record BatchHeader(string BatchRoot, ulong ReferenceBlockNumber)
{
    public byte[] Hash()
    {
        var b = new byte[40];
        Convert.FromHexString(BatchRoot).AsSpan(0, 32).CopyTo(b);
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(32), ReferenceBlockNumber);
        return Keccak.Hash(b);
    }
}

/// <summary>What a certificate check found (in the spirit of checkDACert's status codes; Valid is the only success).</summary>
public enum CertificateStatus
{
    Valid,
    /// <summary>The batch root is not the blob header's hash.</summary>
    BlobNotInBatch,
    /// <summary>A signer or non-signer is not a quorum member, appears twice, or signers ∪ non-signers ≠ the quorum.</summary>
    InconsistentSigners,
    /// <summary>The quorum's aggregate G1 key differs from the registry's.</summary>
    WrongQuorumApk,
    /// <summary>The aggregate signature does not verify for the signers' keys (BLSSignatureChecker's pairing check).</summary>
    InvalidSignature,
    /// <summary>Signed stake is below the confirmation threshold.</summary>
    InsufficientStake,
}

/// <summary>
/// The DA certificate a client keeps: the blob and batch headers, who signed and who did not, the quorum's aggregate key,
/// the signers' aggregate G2 key and the aggregate signature. <see cref="Verify"/> redoes BLSSignatureChecker's work
/// against the registry: signers' apk = quorum apk − non-signer keys, one pairing check, and signed stake ≥ confirmation.
/// </summary>
public sealed record BlobCertificate(
    BlobHeader Blob,
    BatchHeader Batch,
    IReadOnlyList<OperatorId> Signers,
    IReadOnlyList<OperatorId> NonSigners,
    Affine<Fp> QuorumApk,
    Affine<Fp2> SignersApkG2,
    Affine<Fp> Signature,
    BigInteger SignedStake,
    BigInteger TotalStake)
{
    public CertificateStatus Verify(IEnumerable<RegisteredOperator> registry, DaParams p)
    {
        if (Batch.BatchRoot != Blob.HashHex)
        {
            return CertificateStatus.BlobNotInBatch;
        }
        var members = registry.Where(o => o.StakeIn(Blob.Quorum) > 0).ToDictionary(o => o.Id);
        var named = Signers.Concat(NonSigners).ToList();
        if (named.Count != members.Count || named.Distinct().Count() != named.Count || !named.All(members.ContainsKey))
        {
            return CertificateStatus.InconsistentSigners;
        }
        if (Bls.AggregateG1([.. members.Values.Select(m => m.PublicKeyG1)]) != QuorumApk)
        {
            return CertificateStatus.WrongQuorumApk;
        }
        var apk = Bls.SignersApk(QuorumApk, [.. NonSigners.Select(id => members[id].PublicKeyG1)]);
        // Points a certificate carries are checked as the precompiles would before any pairing.
        if (Signers.Count == 0 || Signature.Infinity || !G1.IsOnCurve(Signature) || !G2.IsOnCurve(SignersApkG2) || !G2.IsInSubgroup(SignersApkG2)
            || !Bls.VerifyAggregate(apk, SignersApkG2, Signature, Batch.Hash()))
        {
            return CertificateStatus.InvalidSignature;
        }
        var total = members.Values.Aggregate(BigInteger.Zero, (a, m) => a + m.StakeIn(Blob.Quorum));
        var signed = total - NonSigners.Aggregate(BigInteger.Zero, (a, id) => a + members[id].StakeIn(Blob.Quorum));
        return MeetsConfirmation(signed, total, p) ? CertificateStatus.Valid : CertificateStatus.InsufficientStake;
    }

    /// <summary>signed·100 ≥ confirmation%·total, in integers.</summary>
    internal static bool MeetsConfirmation(BigInteger signed, BigInteger total, DaParams p) =>
        signed * 100 >= total * p.ConfirmationThresholdPercent;
}
