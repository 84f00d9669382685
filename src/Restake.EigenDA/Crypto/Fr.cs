using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// The BN254 scalar field Fr (blobs, FFTs and KZG polynomials live here), r = 21888242871839275222246405745257275088548364400416034343698204186575808495617.
/// Four 64-bit limbs in Montgomery form (R = 2^256); BigInteger appears only in conversions.
/// </summary>
public readonly struct Fr : IField<Fr>
{
    internal const ulong Q0 = 0x43e1f593f0000001UL, Q1 = 0x2833e84879b97091UL, Q2 = 0xb85045b68181585dUL, Q3 = 0x30644e72e131a029UL;
    internal static readonly ulong QInv = Mont.NegInverse(Q0);

    /// <summary>The modulus.</summary>
    public static readonly BigInteger Modulus = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617", CultureInfo.InvariantCulture);

    private static readonly Fr R2 = FromRawLimbs(BigInteger.ModPow(2, 512, Modulus));
    private static readonly Fr OneValue = FromRawLimbs(BigInteger.ModPow(2, 256, Modulus));

    internal readonly ulong L0, L1, L2, L3;

    internal Fr(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3;
    }

    public static Fr Zero => default;
    public static Fr One => OneValue;
    public bool IsZero => (L0 | L1 | L2 | L3) == 0;
    public bool IsOne => Equals(OneValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator +(Fr a, Fr b)
    {
        Mont.Add(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, Q0, Q1, Q2, Q3, out var r0, out var r1, out var r2, out var r3);
        return new Fr(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator -(Fr a, Fr b)
    {
        Mont.Sub(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, Q0, Q1, Q2, Q3, out var r0, out var r1, out var r2, out var r3);
        return new Fr(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator -(Fr a) => a.IsZero ? a : Zero - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator *(Fr a, Fr b)
    {
        Mont.Mul(a.L0, a.L1, a.L2, a.L3, b.L0, b.L1, b.L2, b.L3, Q0, Q1, Q2, Q3, QInv, out var r0, out var r1, out var r2, out var r3);
        return new Fr(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fr Square() => this * this;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fr Double() => this + this;

    public Fr Inverse() => IsZero ? Zero : Pow(Modulus - 2);

    public Fr Pow(BigInteger e) => FieldMath.Pow(this, e);

    public static Fr FromUInt64(ulong v) => new Fr(v, 0, 0, 0) * R2;

    /// <summary>Reduces any integer (negative too) modulo the modulus.</summary>
    public static Fr FromBigInteger(BigInteger v)
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
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes32, out Fr value)
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
        value = new Fr(l0, l1, l2, l3) * R2;
        return true;
    }

    /// <summary>Reads 32 big-endian bytes and reduces them modulo the modulus (for hashing into the field).</summary>
    public static Fr FromBigEndianReduced(ReadOnlySpan<byte> bytes) =>
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

    internal Fr ToCanonical() => this * new Fr(1, 0, 0, 0);

    private void WriteLimbsBigEndian(Span<byte> b)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, L3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[8..], L2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[16..], L1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[24..], L0);
    }

    private static Fr FromRawLimbs(BigInteger v)
    {
        Span<byte> b = stackalloc byte[32];
        b.Clear();
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(b[(32 - bytes.Length)..]);
        return new Fr(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[24..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b));
    }

    public bool Equals(Fr other) => L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3;
    public override bool Equals(object? obj) => obj is Fr o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
    public static bool operator ==(Fr a, Fr b) => a.Equals(b);
    public static bool operator !=(Fr a, Fr b) => !a.Equals(b);
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    /// <summary>Fr's two-adicity: r − 1 = 2^28 · odd, so subgroups of every order 2^k, k ≤ 28, exist.</summary>
    public const int TwoAdicity = 28;

    /// <summary>
    /// A generator of the order-2^28 subgroup: 5^((r−1)/2^28), 5 being the smallest quadratic non-residue used by
    /// gnark-crypto's fr.Generator; tests check it equals the published 19103219067921713944291392827692070036145651957329286315305642004821462161904.
    /// </summary>
    public static readonly Fr RootOfUnity2Pow28 = FromUInt64(5).Pow((Modulus - 1) >> TwoAdicity);

    /// <summary>this^e for a machine-word exponent (square and multiply), cheaper than the BigInteger overload.</summary>
    public Fr Pow(ulong e)
    {
        var r = One;
        var b = this;
        while (e != 0)
        {
            if ((e & 1) == 1)
            {
                r *= b;
            }
            b = b.Square();
            e >>= 1;
        }
        return r;
    }

    private static readonly Fr[] Roots = BuildRoots();

    private static Fr[] BuildRoots()
    {
        var roots = new Fr[TwoAdicity + 1];
        roots[TwoAdicity] = RootOfUnity2Pow28;
        for (int i = TwoAdicity - 1; i >= 0; i--)
        {
            roots[i] = roots[i + 1].Square();
        }
        return roots;
    }

    /// <summary>A primitive root of unity of order 2^log2Order.</summary>
    public static Fr RootOfUnity(int log2Order)
    {
        if (log2Order is < 0 or > TwoAdicity)
        {
            throw new ArgumentOutOfRangeException(nameof(log2Order), $"Fr has roots of unity of order 2^k for k ≤ {TwoAdicity} only");
        }
        return Roots[log2Order];
    }
}
