using System.Buffers.Binary;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;

namespace Restake.EigenDA.Network;

/// <summary>
/// The bytes a node process exchanges: headers, chunks and signatures in fixed big-endian layouts. Points are the
/// uncompressed 64-byte G1 form of <see cref="G1.ToBytes"/> (decoding checks they lie on the curve); symbols are 32-byte
/// big-endian field elements (decoding refuses values ≥ r). Any malformed input is a <see cref="DaException"/> with
/// <see cref="DaError.BadMessage"/>.
/// </summary>
public static class Wire
{
    public const int BatchHeaderSize = 40;
    public const int BlobHeaderSize = 2 + 1 + 64 + 4;

    public static byte[] Encode(BatchHeader b)
    {
        var bytes = new byte[BatchHeaderSize];
        Convert.FromHexString(b.BatchRoot).AsSpan(0, 32).CopyTo(bytes);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(32), b.ReferenceBlockNumber);
        return bytes;
    }

    public static BatchHeader DecodeBatchHeader(ReadOnlySpan<byte> b)
    {
        Require(b.Length == BatchHeaderSize, $"a batch header is {BatchHeaderSize} bytes, not {b.Length}");
        return new BatchHeader(Convert.ToHexStringLower(b[..32]), BinaryPrimitives.ReadUInt64BigEndian(b[32..]));
    }

    public static byte[] Encode(BlobHeader h)
    {
        var bytes = new byte[BlobHeaderSize];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)h.Version);
        bytes[2] = h.Quorum;
        G1.ToBytes(h.Commitment.Commitment).CopyTo(bytes, 3);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(67), (uint)h.Commitment.Length);
        return bytes;
    }

    public static BlobHeader DecodeBlobHeader(ReadOnlySpan<byte> b)
    {
        Require(b.Length == BlobHeaderSize, $"a blob header is {BlobHeaderSize} bytes, not {b.Length}");
        var length = BinaryPrimitives.ReadUInt32BigEndian(b[67..]);
        Require(length is > 0 and <= int.MaxValue, "a blob length is positive");
        return new BlobHeader(BinaryPrimitives.ReadUInt16BigEndian(b), b[2], new BlobCommitment(Point(b.Slice(3, 64)), (int)length));
    }

    /// <summary>index u32 ‖ symbol count u32 ‖ symbols (32 bytes each) ‖ proof (64 bytes).</summary>
    public static byte[] Encode(Chunk c)
    {
        var bytes = new byte[8 + (32 * c.Evaluations.Length) + 64];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)c.Index);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)c.Evaluations.Length);
        for (int i = 0; i < c.Evaluations.Length; i++)
        {
            c.Evaluations[i].ToBigEndian().CopyTo(bytes, 8 + (32 * i));
        }
        G1.ToBytes(c.Proof).CopyTo(bytes, bytes.Length - 64);
        return bytes;
    }

    public static Chunk DecodeChunk(ReadOnlySpan<byte> b)
    {
        Require(b.Length >= 8 + 64, "a chunk is at least 72 bytes");
        var index = BinaryPrimitives.ReadUInt32BigEndian(b);
        var count = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);
        Require(index <= int.MaxValue && count > 0 && (long)b.Length == 8 + (32L * count) + 64, "a chunk's length does not match its symbol count");
        var evaluations = new Fr[count];
        for (int i = 0; i < evaluations.Length; i++)
        {
            Require(Fr.TryFromBigEndian(b.Slice(8 + (32 * i), 32), out evaluations[i]), $"symbol {i} of chunk {index} is not below the field modulus");
        }
        return new Chunk((int)index, evaluations, Point(b[^64..]));
    }

    /// <summary>A signature or other G1 point (64 bytes).</summary>
    public static byte[] Encode(in Affine<Fp> point) => G1.ToBytes(point);

    public static Affine<Fp> DecodePoint(ReadOnlySpan<byte> b)
    {
        Require(b.Length == 64, $"a G1 point is 64 bytes, not {b.Length}");
        return Point(b);
    }

    private static Affine<Fp> Point(ReadOnlySpan<byte> b)
    {
        try
        {
            return G1.FromBytes(b);
        }
        catch (CryptoException e)
        {
            throw new DaException(DaError.BadMessage, "a G1 point: " + e.Message);
        }
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new DaException(DaError.BadMessage, message);
        }
    }
}
