using System.Buffers.Binary;

namespace Restake.Picasso;

/// <summary>
/// The few Borsh rules the guest chain needs, written by hand (no Borsh package is served here):
/// fixed-width little-endian integers, fixed arrays as raw bytes, <c>u32</c>-prefixed vectors,
/// and <c>Option</c> as a 0/1 tag byte followed by the value.
/// </summary>
public sealed class BorshWriter
{
    private readonly List<byte> _bytes = [];

    public BorshWriter U8(byte v)
    {
        _bytes.Add(v);
        return this;
    }

    public BorshWriter U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return Raw(b);
    }

    public BorshWriter U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return Raw(b);
    }

    public BorshWriter U128(UInt128 v)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(b, v);
        return Raw(b);
    }

    public BorshWriter Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (var x in bytes)
        {
            _bytes.Add(x);
        }
        return this;
    }

    public BorshWriter Hash(CryptoHash h) => Raw(h.Bytes);

    public BorshWriter OptionHash(CryptoHash? h) => h is null ? U8(0) : U8(1).Hash(h);

    public byte[] ToArray() => [.. _bytes];
}

/// <summary>Reads what <see cref="BorshWriter"/> writes; any malformed input is a <see cref="FormatException"/>.</summary>
public sealed class BorshReader(byte[] bytes)
{
    private int _pos;

    public bool AtEnd => _pos == bytes.Length;

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _pos + n > bytes.Length)
        {
            throw new FormatException($"Borsh: {n} bytes wanted at offset {_pos}, {bytes.Length - _pos} left");
        }
        var span = bytes.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    public byte U8() => Take(1)[0];
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    public UInt128 U128() => BinaryPrimitives.ReadUInt128LittleEndian(Take(16));
    public byte[] Raw(int n) => Take(n).ToArray();
    public CryptoHash Hash() => new(Raw(32));

    public void VersionZero()
    {
        var v = U8();
        if (v != 0)
        {
            throw new FormatException($"Borsh: version {v}, only 0 is known");
        }
    }

    public bool OptionTag() => U8() switch
    {
        0 => false,
        1 => true,
        var t => throw new FormatException($"Borsh: option tag {t}"),
    };

    public void End()
    {
        if (!AtEnd)
        {
            throw new FormatException($"Borsh: {bytes.Length - _pos} trailing bytes");
        }
    }
}
