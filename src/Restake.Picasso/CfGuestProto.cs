namespace Restake.Picasso;

/// <summary>cf-guest's <c>ClientState</c> message (<c>lightclients.guest.v1</c>).</summary>
public sealed record ClientStateMessage(CryptoHash GenesisHash, ulong LatestHeight, ulong TrustingPeriodNs, CryptoHash EpochCommitment, CryptoHash PrevEpochCommitment, bool IsFrozen);

/// <summary>
/// The protobuf wire encoding of cf-guest's messages (<c>common/cf-guest/proto/guest.proto</c>), written by hand:
/// proto3 omits default values; bytes are length-delimited; integers are varints. As upstream, the
/// previous epoch commitment is left out when it equals the current one.
/// </summary>
public static class CfGuestProto
{
    public const string ClientStateTypeUrl = "/lightclients.guest.v1.ClientState";
    public const string ConsensusStateTypeUrl = "/lightclients.guest.v1.ConsensusState";
    public const string ClientMessageTypeUrl = "/lightclients.guest.v1.ClientMessage";

    private sealed class Writer
    {
        private readonly List<byte> _b = [];

        private void Varint(ulong v)
        {
            while (v >= 0x80)
            {
                _b.Add((byte)(v | 0x80));
                v >>= 7;
            }
            _b.Add((byte)v);
        }

        public Writer UInt(int field, ulong v)
        {
            if (v != 0)
            {
                Varint((ulong)field << 3);
                Varint(v);
            }
            return this;
        }

        public Writer Bool(int field, bool v) => UInt(field, v ? 1UL : 0UL);

        public Writer Bytes(int field, ReadOnlySpan<byte> v, bool always = false)
        {
            if (v.Length > 0 || always)
            {
                Varint(((ulong)field << 3) | 2);
                Varint((ulong)v.Length);
                foreach (var x in v)
                {
                    _b.Add(x);
                }
            }
            return this;
        }

        public byte[] ToArray() => [.. _b];
    }

    public static ClientStateMessage ClientStateOf(CfGuestClient c) =>
        new(c.GenesisHash, c.LatestHeight, c.TrustingPeriodNs, c.EpochCommitment, c.PrevEpochCommitment, c.IsFrozen);

    public static byte[] Encode(ClientStateMessage s) => new Writer()
        .Bytes(1, s.GenesisHash.Bytes).UInt(2, s.LatestHeight).UInt(3, s.TrustingPeriodNs)
        .Bytes(4, s.EpochCommitment.Bytes).Bool(5, s.IsFrozen)
        .Bytes(6, s.PrevEpochCommitment == s.EpochCommitment ? [] : s.PrevEpochCommitment.Bytes)
        .ToArray();

    public static byte[] Encode(ConsensusState s) => new Writer().Bytes(1, s.BlockHash.Bytes).UInt(2, s.TimestampNs).ToArray();

    public static byte[] EncodeSignature(int index, byte[] signature) => new Writer().UInt(1, (ulong)index).Bytes(2, signature).ToArray();

    /// <summary>The header with raw fields, as upstream's test object (which is not a real header) needs.</summary>
    public static byte[] EncodeHeader(ReadOnlySpan<byte> genesisHash, byte[] blockHeader, byte[] epoch, IEnumerable<(int Index, byte[] Signature)> signatures)
    {
        var w = new Writer().Bytes(1, genesisHash).Bytes(2, blockHeader).Bytes(3, epoch);
        foreach (var (i, sig) in signatures)
        {
            w.Bytes(4, EncodeSignature(i, sig), always: true);
        }
        return w.ToArray();
    }

    public static byte[] Encode(GuestHeader h) => EncodeHeader(h.GenesisHash.Bytes, h.BlockHeaderBorsh, h.EpochBorsh, h.Signatures);

    public static byte[] EncodeMisbehaviour(byte[] header1, byte[] header2) => new Writer().Bytes(1, header1, always: true).Bytes(2, header2, always: true).ToArray();

    public static byte[] Encode(Misbehaviour m) => EncodeMisbehaviour(Encode(m.Header1), Encode(m.Header2));

    /// <summary><c>ClientMessage</c>: a oneof of header (1) and misbehaviour (2).</summary>
    public static byte[] ClientMessageOfHeader(byte[] header) => new Writer().Bytes(1, header, always: true).ToArray();

    public static byte[] ClientMessageOfMisbehaviour(byte[] misbehaviour) => new Writer().Bytes(2, misbehaviour, always: true).ToArray();
}
