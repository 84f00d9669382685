using System.Buffers.Binary;
using Restake.Protocol;
using Sha = System.Security.Cryptography.SHA256;

namespace Restake.Babylon.Chain;

/// <summary>An epoch's raw checkpoint (x/checkpointing RawCheckpoint) with the submitter's 20-byte address.</summary>
public sealed record RawCheckpoint(ulong Epoch, byte[] BlockHash, byte[] Bitmap, byte[] BlsSig, byte[] SubmitterAddress);

/// <summary>
/// The two-transaction Bitcoin encoding of a checkpoint (babylon btctxformatter): each part is one OP_RETURN.
/// Part 0 (78 bytes) = tag(4) ‖ 0x00 ‖ be64(epoch) ‖ block_hash(32) ‖ bitmap(13) ‖ submitter(20);
/// part 1 (63 bytes) = tag(4) ‖ 0x10 ‖ bls_sig(48) ‖ SHA256(part 0 without its 5-byte header)[0..10].
/// The version byte's low nibble is the format version (0), its high nibble the part index.
/// </summary>
public static class CheckpointEncoding
{
    public const int Part0Length = 78;
    public const int Part1Length = 63;

    public static Result<(byte[] Part0, byte[] Part1)> Encode(byte[] tag, RawCheckpoint c)
    {
        if (tag.Length != 4 || c.BlockHash.Length != 32 || c.Bitmap.Length != 13 || c.BlsSig.Length != 48 || c.SubmitterAddress.Length != 20)
        {
            return Result<(byte[], byte[])>.Fail("ErrInvalidCheckpoint", "tag 4, block hash 32, bitmap 13, BLS signature 48 and address 20 bytes");
        }
        var epoch = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(epoch, c.Epoch);
        byte[] part0 = [.. tag, 0x00, .. epoch, .. c.BlockHash, .. c.Bitmap, .. c.SubmitterAddress];
        byte[] part1 = [.. tag, 0x10, .. c.BlsSig, .. Checksum(part0)];
        return Result<(byte[], byte[])>.Success((part0, part1));
    }

    /// <summary>Joins two parts back into a checkpoint; null unless both carry the tag, version 0, their indices and a matching checksum.</summary>
    public static RawCheckpoint? Decode(byte[] tag, byte[] part0, byte[] part1)
    {
        if (part0.Length != Part0Length || part1.Length != Part1Length || !part0.AsSpan(0, 4).SequenceEqual(tag) || !part1.AsSpan(0, 4).SequenceEqual(tag)
            || part0[4] != 0x00 || part1[4] != 0x10 || !part1.AsSpan(53, 10).SequenceEqual(Checksum(part0)))
        {
            return null;
        }
        return new RawCheckpoint(BinaryPrimitives.ReadUInt64BigEndian(part0.AsSpan(5, 8)), part0[13..45], part0[45..58], part1[5..53], part0[58..78]);
    }

    /// <summary>The part index of an OP_RETURN payload carrying this tag, or −1.</summary>
    public static int PartIndex(byte[] tag, byte[] data) =>
        data.Length == Part0Length && data.AsSpan(0, 4).SequenceEqual(tag) && data[4] == 0x00 ? 0
        : data.Length == Part1Length && data.AsSpan(0, 4).SequenceEqual(tag) && data[4] == 0x10 ? 1
        : -1;

    private static byte[] Checksum(byte[] part0) => Sha.HashData(part0.AsSpan(5))[..10];
}
