using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// The BN254 base field Fp, p = 21888242871839275222246405745257275088696311157297823662689037894645226208583.
/// Four 64-bit limbs in Montgomery form (R = 2^256); BigInteger appears only in conversions.
/// </summary>
public readonly struct Fp : IField<Fp>
{
    internal const ulong Q0 = 0x3c208c16d87cfd47UL, Q1 = 0x97816a916871ca8dUL, Q2 = 0xb85045b68181585dUL, Q3 = 0x30644e72e131a029UL;
    internal static readonly ulong QInv = Mont.NegInverse(Q0);

    /// <summary>The modulus.</summary>
    public static readonly BigInteger Modulus = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583", CultureInfo.InvariantCulture);

    private static readonly Fp R2 = FromRawLimbs(BigInteger.ModPow(2, 512, Modulus));
    private static readonly Fp OneValue = FromRawLimbs(BigInteger.ModPow(2, 256, Modulus));

    internal readonly ulong L0, L1, L2, L3;

    internal Fp(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3;
    }

    public static Fp Zero => default;
    public static Fp One => OneValue;
    public bool IsZero => (L0 | L1 | L2 | L3) == 0;
    public bool IsOne => Equals(OneValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator +(Fp a, Fp b)
    {
        Mont.Add(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, Q0, Q1, Q2, Q3, out var r0, out var r1, out var r2, out var r3);
        return new Fp(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(Fp a, Fp b)
    {
        Mont.Sub(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, Q0, Q1, Q2, Q3, out var r0, out var r1, out var r2, out var r3);
        return new Fp(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(Fp a) => a.IsZero ? a : Zero - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator *(Fp a, Fp b)
    {
        Mont.Mul(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, Q0, Q1, Q2, Q3, QInv, out var r0, out var r1, out var r2, out var r3);
        return new Fp(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp Square() => this * this;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp Double() => this + this;

    public Fp Inverse() => IsZero ? Zero : Pow(Modulus - 2);

    public Fp Pow(BigInteger e) => FieldMath.Pow(this, e);

    public static Fp FromUInt64(ulong v) => new Fp(v, 0, 0, 0) * R2;

    /// <summary>Reduces any integer (negative too) modulo the modulus.</summary>
    public static Fp FromBigInteger(BigInteger v)
    {
        v %= Modulus;
        if (v.Sign < 0)
        {
            v += Modulus;
        }
        return FromRawLimbs(v) * R2;
    }

    public BigInteger ToBigInteger()
    {
        var c = ToCanonical();
        Span<byte> b = stackalloc byte[32];
        c.WriteLimbsBigEndian(b);
        return new BigInteger(b, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads a 32-byte big-endian integer; false when it is not below the modulus.</summary>
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes32, out Fp value)
    {
        if (bytes32.Length != 32)
        {
            throw new ArgumentException("a field element is 32 bytes", nameof(bytes32));
        }
        ulong l3 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32);
        ulong l2 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]);
        ulong l1 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]);
        ulong l0 = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]);
        if (!Mont.LessThan(l0, l1, l2, l3, Q0, Q1, Q2, Q3))
        {
            value = default;
            return false;
        }
        value = new Fp(l0, l1, l2, l3) * R2;
        return true;
    }

    /// <summary>Reads 32 big-endian bytes and reduces them modulo the modulus (for hashing into the field).</summary>
    public static Fp FromBigEndianReduced(ReadOnlySpan<byte> bytes) =>
        FromBigInteger(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));

    public void WriteBigEndian(Span<byte> destination32) => ToCanonical().WriteLimbsBigEndian(destination32);

    public byte[] ToBigEndian()
    {
        var b = new byte[32];
        WriteBigEndian(b);
        return b;
    }

    /// <summary>True when the canonical value is odd (used for point compression flags and sign choices).</summary>
    public bool IsOddCanonical => (ToCanonical().L0 & 1) == 1;

    /// <summary>Canonical value compared with (modulus−1)/2: the "lexicographically largest" rule of gnark's compression.</summary>
    public bool IsLexicographicallyLargest => ToBigInteger() > (Modulus - 1) / 2;

    internal Fp ToCanonical() => this * new Fp(1, 0, 0, 0);

    private void WriteLimbsBigEndian(Span<byte> b)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, L3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[8..], L2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[16..], L1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[24..], L0);
    }

    private static Fp FromRawLimbs(BigInteger v)
    {
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(b[(32 - bytes.Length)..]);
        return new Fp(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[24..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b));
    }

    public bool Equals(Fp other) => L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3;
    public override bool Equals(object? obj) => obj is Fp o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
    public static bool operator ==(Fp a, Fp b) => a.Equals(b);
    public static bool operator !=(Fp a, Fp b) => !a.Equals(b);
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    private static readonly BigInteger SqrtExponent = (Modulus + 1) / 4;

    /// <summary>The square root a^((p+1)/4) (p ≡ 3 mod 4); false when the element is not a square.</summary>
    public bool TrySqrt(out Fp root)
    {
        root = Pow(SqrtExponent);
        return root.Square() == this;
    }
}
