using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Tests.Network;

public class WireTests
{
    private static readonly BlobEncoder Encoder = new(KzgTests.Srs);

    private static (BlobHeader Blob, Chunk[] Chunks) Encoded()
    {
        var payload = new byte[300];
        new Random(5).NextBytes(payload);
        var blob = PayloadCodec.ToBlob(payload);
        var header = new BlobHeader(0, 0, Encoder.Commit(blob));
        return (header, Encoder.Encode(blob, EncodingParams.For(blob.Length, AssignmentTests.Small.NumChunks, AssignmentTests.Small.CodingRate)));
    }

    [Fact]
    public void headers_chunks_and_signatures_survive_the_wire()
    {
        var (blob, chunks) = Encoded();
        var batch = new BatchHeader(blob.HashHex, 77);
        Assert.Equal(batch, Wire.DecodeBatchHeader(Wire.Encode(batch)));
        Assert.Equal(blob, Wire.DecodeBlobHeader(Wire.Encode(blob)));
        var c = Wire.DecodeChunk(Wire.Encode(chunks[3]));
        Assert.Equal(chunks[3].Index, c.Index);
        Assert.Equal(chunks[3].Evaluations, c.Evaluations);
        Assert.Equal(chunks[3].Proof, c.Proof);
        var sig = Bls.Sign(Devnet.KeyOf("op1").SecretKey, batch.Hash());
        Assert.Equal(sig, Wire.DecodePoint(Wire.Encode(sig)));
        // The decoded chunk still verifies against the commitment.
        Assert.True(Encoder.Verify(blob.Commitment, EncodingParams.For(blob.Commitment.Length, 32, 8), c));
    }

    [Fact]
    public void malformed_bytes_are_a_bad_message()
    {
        var (blob, chunks) = Encoded();
        var chunk = Wire.Encode(chunks[0]);
        var symbolTooLarge = (byte[])chunk.Clone();
        symbolTooLarge.AsSpan(8, 32).Fill(0xff); // ≥ r
        var offCurve = (byte[])chunk.Clone();
        offCurve[^1] ^= 1; // the proof's y changes: off the curve
        var header = Wire.Encode(blob);
        var badCommitment = (byte[])header.Clone();
        badCommitment[66] ^= 1;
        foreach (var bad in new Func<object>[]
        {
            () => Wire.DecodeChunk(chunk.AsSpan(0, chunk.Length - 1)),
            () => Wire.DecodeChunk(symbolTooLarge),
            () => Wire.DecodeChunk(offCurve),
            () => Wire.DecodeBlobHeader(header.AsSpan(1)),
            () => Wire.DecodeBlobHeader(badCommitment),
            () => Wire.DecodeBatchHeader(new byte[39]),
            () => Wire.DecodePoint(new byte[63]),
        })
        {
            Assert.Equal(DaError.BadMessage, Assert.Throws<DaException>(bad).Error);
        }
    }
}
