using CsCheck;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;

namespace Restake.EigenDA.Tests;

public class EncodingTests
{
    // 32-symbol blobs (1 KiB), 64 chunks at coding rate 8 → 4 symbols per chunk, 8 chunks reconstruct.
    private static readonly Srs Srs = KzgTests.Srs;
    private static readonly BlobEncoder Encoder = new(Srs);
    private static readonly EncodingParams Params = EncodingParams.For(32, numChunks: 64);

    private static byte[] Payload(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    [Fact]
    public void payload_header_and_31_byte_packing_follow_the_spec()
    {
        var blob = PayloadCodec.Encode("hello"u8);
        Assert.Equal(2, blob.Length);
        // Header: 0x00, version 0, uint32 BE length 5, 26 zero bytes.
        Assert.Equal("0000000000050000000000000000000000000000000000000000000000000000", Convert.ToHexStringLower(blob[0].ToBigEndian()));
        // "hello" after a zero byte, zero-padded to 32 bytes.
        Assert.Equal("0068656c6c6f" + new string('0', 52), Convert.ToHexStringLower(blob[1].ToBigEndian()));
        Assert.Equal(4, PayloadCodec.Encode(new byte[62]).Length); // 1 + 2 symbols → padded to 4
        Assert.Equal(4, PayloadCodec.Encode(new byte[63]).Length); // 1 + 3
        Assert.Equal(8, PayloadCodec.Encode(new byte[94]).Length); // 1 + 4 → 8
    }

    [Fact]
    public void payloads_round_trip_in_both_forms()
    {
        Gen.Byte.Array[0, 700].Sample(payload =>
        {
            Assert.Equal(payload, PayloadCodec.FromBlob(PayloadCodec.ToBlob(payload)));
            Assert.Equal(payload, PayloadCodec.FromBlob(PayloadCodec.ToBlob(payload, PayloadForm.Evaluations), PayloadForm.Evaluations));
            var blob = PayloadCodec.ToBlob(payload);
            Assert.Equal(blob, PayloadCodec.BlobFromBytes(PayloadCodec.BlobToBytes(blob)));
        }, iter: 50);
    }

    [Fact]
    public void malformed_blobs_and_headers_get_named_errors()
    {
        Assert.Equal(EncodingError.BadBlobLength, Assert.Throws<EncodingException>(() => PayloadCodec.BlobFromBytes(new byte[96])).Error);
        var bad = new byte[32];
        Array.Fill(bad, (byte)0xFF);
        Assert.Equal(EncodingError.SymbolNotInField, Assert.Throws<EncodingException>(() => PayloadCodec.BlobFromBytes(bad)).Error);
        var blob = PayloadCodec.Encode("hello"u8);
        blob[0] = Fr.FromUInt64(1);
        Assert.Equal(EncodingError.BadPayloadHeader, Assert.Throws<EncodingException>(() => PayloadCodec.Decode(blob)).Error);
        Assert.Equal(EncodingError.PayloadTooLarge, Assert.Throws<EncodingException>(() => PayloadCodec.Encode(new byte[31 << 19])).Error);
    }

    [Fact]
    public void parameters_follow_upstream_chunk_length_rule()
    {
        Assert.Equal(new EncodingParams(8192, 4), EncodingParams.For(4096)); // 128 KiB
        Assert.Equal(new EncodingParams(8192, 512), EncodingParams.For(1 << 19)); // 16 MiB
        Assert.Equal(new EncodingParams(8192, 1), EncodingParams.For(32)); // below 1 → 1
        Assert.Equal(1024, EncodingParams.For(4096).ChunksToReconstruct(4096)); // c·γ
    }

    [Fact]
    public void chunk_j_holds_the_polynomial_on_its_coset_in_bit_reversed_order()
    {
        var blob = PayloadCodec.ToBlob(Payload(200, 1));
        var chunks = BlobEncoder.ChunkEvaluations(blob, Params);
        var omegaL = Fr.RootOfUnity(2);
        foreach (int j in new[] { 0, 1, 5, 63 })
        {
            var h = Params.CosetShift(j);
            for (int s = 0; s < Params.ChunkLength; s++)
            {
                var x = h * omegaL.Pow(FftDomain.ReverseIndex(s, 2));
                Assert.Equal(Kzg.Evaluate(blob, x), chunks[j][s]);
            }
        }
    }

    [Fact]
    public void every_chunk_proof_verifies_and_a_tampered_chunk_fails()
    {
        var blob = PayloadCodec.ToBlob(Payload(900, 2));
        var commitment = Encoder.Commit(blob);
        var chunks = Encoder.Encode(blob, Params);
        foreach (var j in new[] { 0, 1, 17, 62, 63 })
        {
            Assert.True(Encoder.Verify(commitment, Params, chunks[j]), $"chunk {j}");
        }
        var tampered = chunks[17] with { Evaluations = (Fr[])chunks[17].Evaluations.Clone() };
        tampered.Evaluations[2] += Fr.One;
        Assert.False(Encoder.Verify(commitment, Params, tampered));
        Assert.Equal(EncodingError.InvalidChunkProof, Assert.Throws<EncodingException>(() => Encoder.VerifyOrThrow(commitment, Params, tampered)).Error);
        // A correct chunk presented under another index fails too.
        Assert.False(Encoder.Verify(commitment, Params, chunks[17] with { Index = 18 }));
    }

    [Fact]
    public void batched_verification_accepts_exactly_what_one_by_one_verification_accepts()
    {
        var blob = PayloadCodec.ToBlob(Payload(900, 3));
        var commitment = Encoder.Commit(blob);
        var chunks = Encoder.Encode(blob, Params);
        Assert.True(Encoder.VerifyBatch(commitment, Params, chunks));
        Assert.True(Encoder.VerifyBatch(commitment, Params, chunks[5..9]));
        Assert.True(Encoder.VerifyBatch(commitment, Params, []));
        var tampered = chunks[7] with { Evaluations = (Fr[])chunks[7].Evaluations.Clone() };
        tampered.Evaluations[0] += Fr.One;
        // One bad chunk among good ones, two proofs swapped, a chunk under another index, another blob's commitment.
        Assert.False(Encoder.VerifyBatch(commitment, Params, [chunks[5], chunks[6], tampered, chunks[8]]));
        Assert.False(Encoder.VerifyBatch(commitment, Params, [chunks[5] with { Proof = chunks[6].Proof }, chunks[6] with { Proof = chunks[5].Proof }]));
        Assert.False(Encoder.VerifyBatch(commitment, Params, [chunks[5], chunks[6] with { Index = 9 }]));
        Assert.False(Encoder.VerifyBatch(Encoder.Commit(PayloadCodec.ToBlob(Payload(900, 4))), Params, chunks[5..7]));
        Assert.False(Encoder.VerifyBatch(commitment, Params, [chunks[5] with { Index = 64 }]));
        // Random subsets with one random symbol changed or not: the batch agrees with checking each chunk.
        Gen.Int[0, 63].Array[1, 6].Select(Gen.Bool, Gen.Int[0, 5]).Sample((indices, tamper, which) =>
        {
            var picked = indices.Distinct().Select(i => chunks[i]).ToList();
            if (tamper)
            {
                var k = which % picked.Count;
                var e = (Fr[])picked[k].Evaluations.Clone();
                e[which % e.Length] += Fr.One;
                picked[k] = picked[k] with { Evaluations = e };
            }
            Assert.Equal(picked.All(c => Encoder.Verify(commitment, Params, c)), Encoder.VerifyBatch(commitment, Params, picked));
        }, iter: 20);
    }

    [Fact]
    public void reconstruction_from_any_threshold_subset_returns_the_payload()
    {
        var payload = Payload(900, 3);
        var blob = PayloadCodec.ToBlob(payload);
        var chunks = BlobEncoder.ChunkEvaluations(blob, Params).Select((e, j) => new Chunk(j, e, Affine<Fp>.Identity)).ToArray();
        int need = Params.ChunksToReconstruct(blob.Length);
        Assert.Equal(8, need);
        Gen.Int[0, 63].Array[need].Where(a => a.Distinct().Count() == need).Sample(indices =>
        {
            var coeffs = Reconstruction.Reconstruct(Params, blob.Length, indices.Select(i => chunks[i]));
            Assert.Equal(payload, PayloadCodec.FromBlob(coeffs));
        }, iter: 40);
    }

    [Fact]
    public void one_chunk_too_few_fails_with_a_clear_error()
    {
        var blob = PayloadCodec.ToBlob(Payload(900, 4));
        var chunks = BlobEncoder.ChunkEvaluations(blob, Params).Select((e, j) => new Chunk(j, e, Affine<Fp>.Identity)).ToArray();
        // Seven distinct chunks plus a duplicate: still one short.
        var few = chunks.Where((_, j) => j % 9 == 0).Take(7).Append(chunks[0]);
        var e = Assert.Throws<EncodingException>(() => Reconstruction.Reconstruct(Params, blob.Length, few));
        Assert.Equal(EncodingError.NotEnoughChunks, e.Error);
        Assert.Contains("needs 8 distinct chunks", e.Message);
    }

    [Fact]
    public void verified_reconstruction_skips_tampered_chunks()
    {
        var payload = Payload(400, 5);
        var blob = PayloadCodec.ToBlob(payload);
        var p = EncodingParams.For(blob.Length, numChunks: 16); // 16 symbols → chunk length 8, 2 chunks needed
        var commitment = Encoder.Commit(blob);
        var chunks = Encoder.Encode(blob, p);
        var bad = chunks[3] with { Evaluations = chunks[3].Evaluations.Select(x => x + Fr.One).ToArray() };
        var coeffs = Reconstruction.VerifyAndReconstruct(Encoder, commitment, p, [bad, chunks[9], chunks[12]], out int rejected);
        Assert.Equal(1, rejected);
        Assert.Equal(payload, PayloadCodec.FromBlob(coeffs));
        var e = Assert.Throws<EncodingException>(() => Reconstruction.VerifyAndReconstruct(Encoder, commitment, p, [bad, chunks[9]], out _));
        Assert.Equal(EncodingError.NotEnoughChunks, e.Error);
    }
}

public class EncodingFiguresTests
{
    [Fact]
    public void sizes_parse_as_powers_of_two_and_others_are_refused_by_name()
    {
        Assert.Equal(128 * 1024, EncodingFigures.ParseSize("128KiB"));
        Assert.Equal(2 * 1024 * 1024, EncodingFigures.ParseSize("2mib"));
        var e = Assert.Throws<EncodingException>(() => EncodingFigures.ParseSize("3KiB"));
        Assert.Equal(EncodingError.BadBlobLength, e.Error);
        Assert.Contains("3KiB", e.Message);
        Assert.Throws<EncodingException>(() => EncodingFigures.ParseSize("32MiB"));
        Assert.Throws<EncodingException>(() => EncodingFigures.ParseSize("lots"));
    }
}
