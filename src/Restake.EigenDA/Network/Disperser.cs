using System.Numerics;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;

namespace Restake.EigenDA.Network;

/// <summary>
/// The disperser in process: payload → blob → commitment → chunks with FK20 proofs → stake-proportional assignment →
/// each operator's chunks and the batch header → signatures. Each signature is checked before aggregation (as upstream's
/// aggregator does; here all in one batched check, one by one only when the batch fails) so a signer of a wrong header
/// counts as a non-signer instead of spoiling the aggregate.
/// </summary>
public sealed class Disperser
{
    private readonly BlobEncoder _encoder;
    private readonly IReadOnlyList<IDaNode> _operators;

    public Disperser(BlobEncoder encoder, DaParams parameters, IReadOnlyList<IDaNode> operators)
    {
        parameters.Validate();
        _encoder = encoder;
        Parameters = parameters;
        _operators = operators;
    }

    /// <summary>A disperser over operators in this process.</summary>
    public Disperser(BlobEncoder encoder, DaParams parameters, IReadOnlyList<DaOperator> operators)
        : this(encoder, parameters, [.. operators.Select(o => (IDaNode)new InProcessNode(o, encoder, parameters))])
    {
    }

    public DaParams Parameters { get; }

    /// <summary>Check each signature before aggregating (upstream behaviour). Off only to show what an unchecked wrong signature does.</summary>
    public bool CheckEachSignature { get; init; } = true;

    /// <summary>
    /// Every reply checked against its signer's key: all at once (<see cref="Bls.VerifySameMessage"/>, two pairings);
    /// only when that fails, one by one, so each bad signature is dropped and its signer becomes a non-signer.
    /// </summary>
    private static void DropInvalid(Affine<Fp>?[] replies, List<IDaNode> members, byte[] digest)
    {
        var signed = Enumerable.Range(0, replies.Length).Where(i => replies[i] is not null).ToList();
        if (Bls.VerifySameMessage([.. signed.Select(i => replies[i]!.Value)], [.. signed.Select(i => members[i].Registration.PublicKeyG2)], digest))
        {
            return;
        }
        Parallel.ForEach(signed, i =>
        {
            if (!Bls.Verify(replies[i]!.Value, members[i].Registration.PublicKeyG2, digest))
            {
                replies[i] = null;
            }
        });
    }

    public BlobCertificate Disperse(ReadOnlySpan<byte> payload, byte quorum = 0, ulong referenceBlockNumber = 0)
    {
        var blob = PayloadCodec.ToBlob(payload);
        var encoding = EncodingParams.For(blob.Length, Parameters.NumChunks, Parameters.CodingRate);
        var header = new BlobHeader(0, quorum, _encoder.Commit(blob));
        var batch = new BatchHeader(header.HashHex, referenceBlockNumber);
        var assignments = Assignment.ForQuorum(_operators.Select(o => o.Registration), quorum, Parameters);
        var chunks = _encoder.Encode(blob, encoding);
        var digest = batch.Hash();

        var members = _operators.Where(o => assignments.ContainsKey(o.Registration.Id)).OrderBy(o => o.Registration.Id.Hex, StringComparer.Ordinal).ToList();
        // Operators verify and sign independently (as separate nodes would), so they run in parallel.
        var replies = new Affine<Fp>?[members.Count];
        Parallel.For(0, members.Count, i =>
        {
            var op = members[i];
            var a = assignments[op.Registration.Id];
            replies[i] = op.StoreChunks(batch, header, a, chunks.AsSpan(a.StartIndex, a.Count).ToArray());
        });
        if (CheckEachSignature)
        {
            DropInvalid(replies, members, digest);
        }
        var signers = new List<IDaNode>();
        var signatures = new List<Affine<Fp>>();
        var nonSigners = new List<IDaNode>();
        for (int i = 0; i < members.Count; i++)
        {
            if (replies[i] is { } s)
            {
                signers.Add(members[i]);
                signatures.Add(s);
            }
            else
            {
                nonSigners.Add(members[i]);
            }
        }

        var total = members.Aggregate(BigInteger.Zero, (acc, o) => acc + o.Registration.StakeIn(quorum));
        var signed = signers.Aggregate(BigInteger.Zero, (acc, o) => acc + o.Registration.StakeIn(quorum));
        if (signers.Count == 0 || !BlobCertificate.MeetsConfirmation(signed, total, Parameters))
        {
            throw new DaException(DaError.InsufficientSignatures,
                $"quorum {quorum}: {signers.Count} of {members.Count} operators signed, {signed} of {total} stake; confirmation needs {Parameters.ConfirmationThresholdPercent} %");
        }
        var sigma = Bls.AggregateG1([.. signatures]);
        var quorumApk = Bls.AggregateG1([.. members.Select(o => o.Registration.PublicKeyG1)]);
        var apkG2 = Bls.AggregateG2([.. signers.Select(o => o.Registration.PublicKeyG2)]);
        var apk = Bls.SignersApk(quorumApk, [.. nonSigners.Select(o => o.Registration.PublicKeyG1)]);
        if (!Bls.VerifyAggregate(apk, apkG2, sigma, digest))
        {
            throw new DaException(DaError.InsufficientSignatures, $"quorum {quorum}: the aggregate signature of {signers.Count} signers does not verify");
        }
        return new BlobCertificate(header, batch, [.. signers.Select(o => o.Registration.Id)], [.. nonSigners.Select(o => o.Registration.Id)], quorumApk, apkG2, sigma, signed, total);
    }
}
