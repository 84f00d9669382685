using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>
/// A guest block header (upstream <c>guestchain/src/block.rs</c>), Borsh-encoded with little-endian integers:
/// <c>version u8 ‖ prev_block_hash ‖ block_height u64 ‖ host_height u64 ‖ timestamp_ns u64 ‖ state_root ‖ epoch_id ‖ Option(next_epoch_commitment)</c>.
/// <c>block_hash = SHA-256(borsh(header))</c>.
/// </summary>
public sealed record BlockHeader(
    CryptoHash PrevBlockHash,
    ulong BlockHeight,
    ulong HostHeight,
    ulong TimestampNs,
    CryptoHash StateRoot,
    CryptoHash EpochId,
    CryptoHash? NextEpochCommitment)
{
    public bool IsGenesis => PrevBlockHash == CryptoHash.Zero && EpochId == CryptoHash.Zero;

    public byte[] ToBorsh()
    {
        var w = new BorshWriter();
        WriteFieldsWithoutCommitment(w);
        w.OptionHash(NextEpochCommitment);
        return w.ToArray();
    }

    internal void WriteFieldsWithoutCommitment(BorshWriter w) =>
        w.U8(0).Hash(PrevBlockHash).U64(BlockHeight).U64(HostHeight).U64(TimestampNs).Hash(StateRoot).Hash(EpochId);

    public CryptoHash Hash => CryptoHash.Digest(ToBorsh());

    public static BlockHeader FromBorsh(byte[] bytes)
    {
        var r = new BorshReader(bytes);
        r.VersionZero();
        var prev = r.Hash();
        var height = r.U64();
        var host = r.U64();
        var ts = r.U64();
        if (ts == 0)
        {
            throw new FormatException("Borsh: timestamp_ns is a NonZeroU64");
        }
        var root = r.Hash();
        var epochId = r.Hash();
        var next = r.OptionTag() ? r.Hash() : null;
        r.End();
        return new BlockHeader(prev, height, host, ts, root, epochId, next);
    }

    public static BlockHeader Genesis(ulong blockHeight, ulong hostHeight, ulong timestampNs, CryptoHash stateRoot, CryptoHash nextEpochCommitment) =>
        new(CryptoHash.Zero, blockHeight, hostHeight, timestampNs, stateRoot, CryptoHash.Zero, nextEpochCommitment);

    /// <summary>
    /// The next block: height + 1, host height and timestamp strictly increasing; the epoch id becomes
    /// this block's hash when this block announced a next epoch, else it is carried over.
    /// </summary>
    public Result<Block> GenerateNext(ulong hostHeight, ulong timestampNs, CryptoHash stateRoot, Epoch? nextEpoch)
    {
        if (hostHeight <= HostHeight)
        {
            return PicassoErrors.BadHostHeight(HostHeight, hostHeight);
        }
        if (timestampNs <= TimestampNs)
        {
            return PicassoErrors.BadHostTimestamp(TimestampNs, timestampNs);
        }
        var hash = Hash;
        var epochId = NextEpochCommitment is null ? EpochId : hash;
        return new Block(new BlockHeader(hash, BlockHeight + 1, hostHeight, timestampNs, stateRoot, epochId, nextEpoch?.Commitment), nextEpoch);
    }
}

/// <summary>
/// A block: its header and, on the last block of an epoch, the next epoch. Serialised as the header's
/// fields without the commitment followed by <c>Option(epoch)</c>; the commitment is recomputed on decode.
/// </summary>
public sealed record Block(BlockHeader Header, Epoch? NextEpoch)
{
    public static Block Genesis(ulong blockHeight, ulong hostHeight, ulong timestampNs, CryptoHash stateRoot, Epoch epoch) =>
        new(BlockHeader.Genesis(blockHeight, hostHeight, timestampNs, stateRoot, epoch.Commitment), epoch);

    public byte[] ToBorsh()
    {
        var w = new BorshWriter();
        Header.WriteFieldsWithoutCommitment(w);
        if (NextEpoch is null)
        {
            w.U8(0);
        }
        else
        {
            w.U8(1);
            NextEpoch.WriteTo(w);
        }
        return w.ToArray();
    }

    public static Block FromBorsh(byte[] bytes, int keyLength = Ed25519.PublicKeyLength)
    {
        var r = new BorshReader(bytes);
        r.VersionZero();
        var prev = r.Hash();
        var height = r.U64();
        var host = r.U64();
        var ts = r.U64();
        var root = r.Hash();
        var epochId = r.Hash();
        var epoch = r.OptionTag() ? Epoch.ReadFrom(r, keyLength) : null;
        r.End();
        if (ts == 0)
        {
            throw new FormatException("Borsh: timestamp_ns is a NonZeroU64");
        }
        return new Block(new BlockHeader(prev, height, host, ts, root, epochId, epoch?.Commitment), epoch);
    }
}

/// <summary>
/// What validators sign: 72 bytes, <c>genesis_hash ‖ block_height u64 LE ‖ block_hash</c>. The genesis hash
/// keeps a signature for one guest chain from counting as equivocation on another.
/// </summary>
public static class Fingerprint
{
    public const int Length = 72;

    public static byte[] Of(CryptoHash genesisHash, ulong blockHeight, CryptoHash blockHash) =>
        new BorshWriter().Hash(genesisHash).U64(blockHeight).Hash(blockHash).ToArray();

    public static byte[] Of(CryptoHash genesisHash, BlockHeader header) => Of(genesisHash, header.BlockHeight, header.Hash);
}
