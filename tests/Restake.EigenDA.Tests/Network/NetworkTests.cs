using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Tests.Network;

public class NetworkTests
{
    private static readonly DaParams P = AssignmentTests.Small;
    private static readonly BlobEncoder Encoder = new(KzgTests.Srs);

    // ~300 bytes → 11 symbols → a 16-symbol blob: 32 chunks of 4 symbols, 4 chunks reconstruct.
    private static byte[] Payload(int seed)
    {
        var b = new byte[300];
        new Random(seed).NextBytes(b);
        return b;
    }

    // Eight operators with stakes 10..80 (total 360).
    private static List<DaOperator> Operators() => [.. Enumerable.Range(1, 8).Select(i => DaOperator.Devnet("op" + i, 10 * i))];

    private static IEnumerable<RegisteredOperator> Registry(List<DaOperator> ops) => ops.Select(o => o.Registration);

    [Fact]
    public void an_honest_network_disperses_certifies_and_retrieves()
    {
        var ops = Operators();
        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(1));
        Assert.Equal(8, cert.Signers.Count);
        Assert.Empty(cert.NonSigners);
        Assert.Equal(360, cert.SignedStake);
        Assert.Equal(CertificateStatus.Valid, cert.Verify(Registry(ops), P));
        Assert.All(ops, o => Assert.True(o.StoredChunkCount(cert.Blob) > 0));
        var got = new Retriever(Encoder, P, ops).Retrieve(cert);
        Assert.Equal(Payload(1), got.Payload);
        Assert.Equal(0, got.RejectedChunks);
    }

    [Fact]
    public void two_withholding_operators_do_not_stop_dispersal_or_retrieval()
    {
        var ops = Operators();
        ops[6].Fault = OperatorFault.Withhold; // stake 70
        ops[7].Fault = OperatorFault.Withhold; // stake 80: 210/360 = 58 % still signs
        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(2));
        Assert.Equal(210, cert.SignedStake);
        Assert.Equal(new HashSet<OperatorId> { ops[6].Id, ops[7].Id }, cert.NonSigners.ToHashSet());
        Assert.Equal(CertificateStatus.Valid, cert.Verify(Registry(ops), P));
        Assert.Equal(0, ops[6].StoredChunkCount(cert.Blob));
        Assert.Equal(Payload(2), new Retriever(Encoder, P, ops).Retrieve(cert).Payload);
    }

    [Fact]
    public void too_little_signing_stake_is_insufficient_signatures()
    {
        var ops = Operators();
        ops[5].Fault = OperatorFault.Withhold;
        ops[6].Fault = OperatorFault.Withhold;
        ops[7].Fault = OperatorFault.Withhold; // 150/360 = 42 % < 55 %
        var e = Assert.Throws<DaException>(() => new Disperser(Encoder, P, ops).Disperse(Payload(3)));
        Assert.Equal(DaError.InsufficientSignatures, e.Error);
        Assert.Contains("150 of 360", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void tampered_chunks_from_one_operator_are_detected_and_skipped()
    {
        var ops = Operators();
        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(4));
        // The retriever asks operators in id order: make the first one serve bad chunks so they are surely seen.
        var first = ops.OrderBy(o => o.Id.Hex, StringComparer.Ordinal).First();
        first.Fault = OperatorFault.BadChunks;
        var got = new Retriever(Encoder, P, ops).Retrieve(cert);
        Assert.Equal(Payload(4), got.Payload);
        Assert.Equal(first.StoredChunkCount(cert.Blob), got.RejectedChunks);
        Assert.True(got.RejectedChunks > 0);
    }

    [Fact]
    public void retrieval_fails_cleanly_when_honest_holders_fall_short()
    {
        var ops = Operators();
        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(5));
        // Only op1 (stake 10, 1 chunk) and op2 (stake 20, 2 chunks) stay honest: 3 chunks < the 4 needed.
        foreach (var o in ops.Skip(2))
        {
            o.Fault = o.Registration.Name == "op3" ? OperatorFault.BadChunks : OperatorFault.Withhold;
        }
        var e = Assert.Throws<DaException>(() => new Retriever(Encoder, P, ops).Retrieve(cert));
        Assert.Equal(DaError.NotEnoughChunks, e.Error);
        Assert.Contains("needs 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void retrieval_succeeds_from_exactly_the_threshold_holders_and_not_one_chunk_fewer()
    {
        var ops = Operators();
        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(6));
        // Counts for stakes 10..80 are 1, 2, 2, 3, 4, 4, 4, 4: op1 (1) + op4 (3) = 4 exactly; op1 + op3 (2) = 3 < 4.
        void OnlyHonest(params string[] names) => ops.ForEach(o => o.Fault = names.Contains(o.Name) ? OperatorFault.Honest : OperatorFault.Withhold);
        OnlyHonest("op1", "op4");
        Assert.Equal(Payload(6), new Retriever(Encoder, P, ops).Retrieve(cert).Payload);
        OnlyHonest("op1", "op3");
        Assert.Equal(DaError.NotEnoughChunks, Assert.Throws<DaException>(() => new Retriever(Encoder, P, ops).Retrieve(cert)).Error);
    }

    [Fact]
    public void a_wrong_header_signer_spoils_an_unchecked_aggregate_and_is_excluded_by_the_checked_one()
    {
        var ops = Operators();
        ops[0].Fault = OperatorFault.WrongHeader;
        var unchecked_ = new Disperser(Encoder, P, ops) { CheckEachSignature = false };
        var e = Assert.Throws<DaException>(() => unchecked_.Disperse(Payload(7)));
        Assert.Equal(DaError.InsufficientSignatures, e.Error);
        Assert.Contains("does not verify", e.Message, StringComparison.Ordinal);

        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(7));
        Assert.Equal([ops[0].Id], cert.NonSigners);
        Assert.Equal(350, cert.SignedStake);
        Assert.Equal(CertificateStatus.Valid, cert.Verify(Registry(ops), P));
    }

    [Fact]
    public void operators_refuse_chunks_that_fail_their_proof_or_their_assignment()
    {
        var ops = Operators();
        var blob = PayloadCodec.ToBlob(Payload(8));
        var enc = EncodingParams.For(blob.Length, P.NumChunks, P.CodingRate);
        var header = new BlobHeader(0, 0, Encoder.Commit(blob));
        var batch = new BatchHeader(header.HashHex, 0);
        var chunks = Encoder.Encode(blob, enc);
        var a = Assignment.ForQuorum(Registry(ops), 0, P)[ops[3].Id];
        var mine = chunks.AsSpan(a.StartIndex, a.Count).ToArray();
        var signature = ops[3].StoreChunks(batch, header, a, mine, Encoder, P);
        Assert.NotNull(signature);
        Assert.True(Bls.Verify(signature.Value, ops[3].Keys.PublicKeyG2, batch.Hash()));

        var tampered = mine.ToArray();
        var e = tampered[0].Evaluations.ToArray();
        e[1] += Fr.One;
        tampered[0] = tampered[0] with { Evaluations = e };
        var fresh = Operators()[3];
        Assert.Null(fresh.StoreChunks(batch, header, a, tampered, Encoder, P));
        Assert.Null(fresh.StoreChunks(batch, header, a, mine[1..], Encoder, P));
        Assert.Equal(0, fresh.StoredChunkCount(header));
    }

    [Fact]
    public void a_tampered_certificate_does_not_verify()
    {
        var ops = Operators();
        ops[2].Fault = OperatorFault.Withhold;
        var cert = new Disperser(Encoder, P, ops).Disperse(Payload(9));
        var reg = Registry(ops).ToList();
        Assert.Equal(CertificateStatus.Valid, cert.Verify(reg, P));

        var otherBlob = cert.Blob with { Commitment = cert.Blob.Commitment with { Length = 32 } };
        Assert.Equal(CertificateStatus.BlobNotInBatch, (cert with { Blob = otherBlob }).Verify(reg, P));
        Assert.Equal(CertificateStatus.InvalidSignature, (cert with { Batch = cert.Batch with { ReferenceBlockNumber = 1 } }).Verify(reg, P));
        var sigma = (cert.Signature.ToJacobian() + G1.Generator.ToJacobian()).ToAffine();
        Assert.Equal(CertificateStatus.InvalidSignature, (cert with { Signature = sigma }).Verify(reg, P));
        var offCurve = new Affine<Fp>(Fp.One, Fp.One);
        Assert.Equal(CertificateStatus.InvalidSignature, (cert with { Signature = offCurve }).Verify(reg, P));
        Assert.Equal(CertificateStatus.InvalidSignature, (cert with { SignersApkG2 = G2.Generator }).Verify(reg, P));
        // Claiming the withholder signed: its key is no longer subtracted, so the pairing check fails.
        var claimed = cert with { Signers = [.. cert.Signers, ops[2].Id], NonSigners = [] };
        Assert.Equal(CertificateStatus.InvalidSignature, claimed.Verify(reg, P));
        Assert.Equal(CertificateStatus.InconsistentSigners, (cert with { NonSigners = [] }).Verify(reg, P));
        Assert.Equal(CertificateStatus.WrongQuorumApk, (cert with { QuorumApk = G1.Generator }).Verify(reg, P));
        // Against a registry where the withholder holds most of the stake, the same signatures are not enough.
        var heavier = reg.Select(o => o.Id == ops[2].Id ? o with { Stakes = new Dictionary<byte, System.Numerics.BigInteger> { [0] = 1000 } } : o);
        Assert.Equal(CertificateStatus.InsufficientStake, cert.Verify(heavier, P));
    }
}
