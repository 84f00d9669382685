using System.Numerics;
using System.Runtime.CompilerServices;

namespace Restake.EigenDA.Crypto;

/// <summary>An affine point of y² = x³ + b over F; <see cref="Infinity"/> is the identity (encoded (0, 0) on the wire).</summary>
public readonly struct Affine<TF>(TF x, TF y, bool infinity) : IEquatable<Affine<TF>> where TF : struct, IField<TF>
{
    public readonly TF X = x, Y = y;
    public readonly bool Infinity = infinity;

    public Affine(TF x, TF y) : this(x, y, false) { }

    public static Affine<TF> Identity => new(TF.Zero, TF.Zero, true);

    public Affine<TF> Negate() => Infinity ? this : new(X, -Y, false);

    public Jacobian<TF> ToJacobian() => Infinity ? Jacobian<TF>.Identity : new(X, Y, TF.One);

    public bool Equals(Affine<TF> other) => Infinity ? other.Infinity : !other.Infinity && X.Equals(other.X) && Y.Equals(other.Y);
    public override bool Equals(object? obj) => obj is Affine<TF> o && Equals(o);
    public override int GetHashCode() => Infinity ? 0 : HashCode.Combine(X, Y);
    public static bool operator ==(Affine<TF> a, Affine<TF> b) => a.Equals(b);
    public static bool operator !=(Affine<TF> a, Affine<TF> b) => !a.Equals(b);
    public override string ToString() => Infinity ? "O" : $"({X}, {Y})";
}

/// <summary>
/// A point in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the identity) on a short Weierstrass curve with a = 0,
/// using the explicit-formulas database's dbl-2009-l, add-2007-bl and madd-2007-bl.
/// </summary>
public readonly struct Jacobian<TF>(TF x, TF y, TF z) where TF : struct, IField<TF>
{
    public readonly TF X = x, Y = y, Z = z;

    public static Jacobian<TF> Identity => new(TF.One, TF.One, TF.Zero);
    public bool IsIdentity => Z.IsZero;

    public Jacobian<TF> Negate() => new(X, -Y, Z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Jacobian<TF> Double()
    {
        if (IsIdentity)
        {
            return this;
        }
        var a = X.Square();
        var b = Y.Square();
        var c = b.Square();
        var d = ((X + b).Square() - a - c).Double();
        var e = a.Double() + a;
        var f = e.Square();
        var x3 = f - d.Double();
        var c8 = c.Double().Double().Double();
        var y3 = (e * (d - x3)) - c8;
        var z3 = (Y * Z).Double();
        return new(x3, y3, z3);
    }

    public static Jacobian<TF> operator +(Jacobian<TF> p, Jacobian<TF> q)
    {
        if (p.IsIdentity)
        {
            return q;
        }
        if (q.IsIdentity)
        {
            return p;
        }
        var z1z1 = p.Z.Square();
        var z2z2 = q.Z.Square();
        var u1 = p.X * z2z2;
        var u2 = q.X * z1z1;
        var s1 = p.Y * q.Z * z2z2;
        var s2 = q.Y * p.Z * z1z1;
        var h = u2 - u1;
        var r = (s2 - s1).Double();
        if (h.IsZero)
        {
            return r.IsZero ? p.Double() : Identity;
        }
        var i = h.Double().Square();
        var j = h * i;
        var v = u1 * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = (r * (v - x3)) - (s1 * j).Double();
        var z3 = ((p.Z + q.Z).Square() - z1z1 - z2z2) * h;
        return new(x3, y3, z3);
    }

    public static Jacobian<TF> operator -(Jacobian<TF> p, Jacobian<TF> q) => p + q.Negate();
    public static Jacobian<TF> operator -(Jacobian<TF> p) => p.Negate();

    /// <summary>Mixed addition with an affine point (Z2 = 1), the inner step of MSMs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Jacobian<TF> AddAffine(in Affine<TF> q)
    {
        if (q.Infinity)
        {
            return this;
        }
        if (IsIdentity)
        {
            return new(q.X, q.Y, TF.One);
        }
        var z1z1 = Z.Square();
        var u2 = q.X * z1z1;
        var s2 = q.Y * Z * z1z1;
        var h = u2 - X;
        var r = (s2 - Y).Double();
        if (h.IsZero)
        {
            return r.IsZero ? Double() : Identity;
        }
        var hh = h.Square();
        var i = hh.Double().Double();
        var j = h * i;
        var v = X * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = (r * (v - x3)) - (Y * j).Double();
        var z3 = (Z + h).Square() - z1z1 - hh;
        return new(x3, y3, z3);
    }

    /// <summary>Scalar multiplication by a non-negative integer (double-and-add from the top bit).</summary>
    public Jacobian<TF> Multiply(BigInteger k)
    {
        if (k.Sign < 0)
        {
            return Negate().Multiply(-k);
        }
        var r = Identity;
        for (long i = (long)k.GetBitLength() - 1; i >= 0; i--)
        {
            r = r.Double();
            if (!(k >> (int)i).IsEven)
            {
                r += this;
            }
        }
        return r;
    }

    /// <summary>Scalar multiplication by an Fr element: GLV on G1, a 4-bit fixed window otherwise.</summary>
    public Jacobian<TF> Multiply(Fr k)
    {
        if (typeof(TF) == typeof(Fp))
        {
            var self = this;
            var r = Glv.Multiply(Unsafe.As<Jacobian<TF>, Jacobian<Fp>>(ref self), k);
            return Unsafe.As<Jacobian<Fp>, Jacobian<TF>>(ref r);
        }
        return MultiplyWindowed(k);
    }

    /// <summary>Scalar multiplication by an Fr element (4-bit fixed window over its canonical limbs).</summary>
    public Jacobian<TF> MultiplyWindowed(Fr k)
    {
        var c = k.ToCanonical();
        Span<ulong> limbs = [c.L0, c.L1, c.L2, c.L3];
        var table = new Jacobian<TF>[16];
        table[0] = Identity;
        for (int i = 1; i < 16; i++)
        {
            table[i] = table[i - 1] + this;
        }
        var r = Identity;
        for (int limb = 3; limb >= 0; limb--)
        {
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                r = r.Double().Double().Double().Double();
                int d = (int)((limbs[limb] >> shift) & 0xF);
                if (d != 0)
                {
                    r += table[d];
                }
            }
        }
        return r;
    }

    public Affine<TF> ToAffine()
    {
        if (IsIdentity)
        {
            return Affine<TF>.Identity;
        }
        var zi = Z.Inverse();
        var zi2 = zi.Square();
        return new(X * zi2, Y * zi2 * zi);
    }

    /// <summary>Affine forms of many points with a single field inversion.</summary>
    public static Affine<TF>[] BatchToAffine(ReadOnlySpan<Jacobian<TF>> points)
    {
        var zs = new TF[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            zs[i] = points[i].Z;
        }
        FieldMath.BatchInverse<TF>(zs);
        var result = new Affine<TF>[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].IsIdentity)
            {
                result[i] = Affine<TF>.Identity;
                continue;
            }
            var zi2 = zs[i].Square();
            result[i] = new(points[i].X * zi2, points[i].Y * zi2 * zs[i]);
        }
        return result;
    }

    public bool EqualsPoint(Jacobian<TF> other)
    {
        if (IsIdentity || other.IsIdentity)
        {
            return IsIdentity && other.IsIdentity;
        }
        var z1z1 = Z.Square();
        var z2z2 = other.Z.Square();
        return (X * z2z2).Equals(other.X * z1z1) && (Y * z2z2 * other.Z).Equals(other.Y * z1z1 * Z);
    }
}

/// <summary>BN254 G1: y² = x³ + 3 over Fp, generator (1, 2), prime order r (cofactor 1).</summary>
public static class G1
{
    public static readonly Fp B = Fp.FromUInt64(3);
    public static readonly Affine<Fp> Generator = new(Fp.One, Fp.FromUInt64(2));

    public static bool IsOnCurve(in Affine<Fp> p) => p.Infinity || p.Y.Square() == (p.X.Square() * p.X) + B;

    private static FixedBaseTable<Fp>? _table;
    internal static FixedBaseTable<Fp> GeneratorTable => _table ??= new FixedBaseTable<Fp>(Generator);

    /// <summary>k·G for a scalar in Fr (fixed-base table).</summary>
    public static Jacobian<Fp> MulGenerator(Fr k) => GeneratorTable.Multiply(k);

    /// <summary>64-byte uncompressed big-endian x‖y, (0, 0) for the identity: the EVM precompile encoding.</summary>
    public static byte[] ToBytes(in Affine<Fp> p)
    {
        var b = new byte[64];
        if (!p.Infinity)
        {
            p.X.WriteBigEndian(b.AsSpan(0, 32));
            p.Y.WriteBigEndian(b.AsSpan(32, 32));
        }
        return b;
    }

    /// <summary>Parses the 64-byte precompile encoding; coordinates must be below p and the point on the curve.</summary>
    public static Affine<Fp> FromBytes(ReadOnlySpan<byte> b64)
    {
        if (b64.Length != 64)
        {
            throw new CryptoException(CryptoError.BadLength, "a G1 point is 64 bytes");
        }
        if (!Fp.TryFromBigEndian(b64[..32], out var x) || !Fp.TryFromBigEndian(b64[32..], out var y))
        {
            throw new CryptoException(CryptoError.CoordinateNotInField, "a G1 coordinate is not below the field modulus p");
        }
        if (x.IsZero && y.IsZero)
        {
            return Affine<Fp>.Identity;
        }
        var p = new Affine<Fp>(x, y);
        if (!IsOnCurve(p))
        {
            throw new CryptoException(CryptoError.NotOnCurve, "the G1 point is not on the curve y² = x³ + 3");
        }
        return p;
    }
}

/// <summary>BN254 G2: the sextic D-twist y² = x³ + 3/ξ over Fp2 (ξ = 9 + u), the generator used by the EVM and EigenLayer.</summary>
public static class G2
{
    public static readonly Fp2 B = new Fp2(Fp.FromUInt64(3), Fp.Zero) * Fp2.Xi.Inverse();

    public static readonly Affine<Fp2> Generator = new(
        new Fp2(
            Fp.FromBigInteger(BigInteger.Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781", System.Globalization.CultureInfo.InvariantCulture)),
            Fp.FromBigInteger(BigInteger.Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634", System.Globalization.CultureInfo.InvariantCulture))),
        new Fp2(
            Fp.FromBigInteger(BigInteger.Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930", System.Globalization.CultureInfo.InvariantCulture)),
            Fp.FromBigInteger(BigInteger.Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531", System.Globalization.CultureInfo.InvariantCulture))));

    public static bool IsOnCurve(in Affine<Fp2> p) => p.Infinity || p.Y.Square() == (p.X.Square() * p.X) + B;

    /// <summary>Membership in the order-r subgroup (the twist has a large cofactor): r·Q = O.</summary>
    public static bool IsInSubgroup(in Affine<Fp2> p) => p.Infinity || p.ToJacobian().Multiply(Fr.Modulus).IsIdentity;

    private static FixedBaseTable<Fp2>? _table;

    /// <summary>k·G₂ for a scalar in Fr (fixed-base table).</summary>
    public static Jacobian<Fp2> MulGenerator(Fr k) => (_table ??= new FixedBaseTable<Fp2>(Generator)).Multiply(k);

    /// <summary>128 bytes: x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (the EVM precompile order, imaginary part first); zeros for the identity.</summary>
    public static byte[] ToBytes(in Affine<Fp2> p)
    {
        var b = new byte[128];
        if (!p.Infinity)
        {
            p.X.C1.WriteBigEndian(b.AsSpan(0, 32));
            p.X.C0.WriteBigEndian(b.AsSpan(32, 32));
            p.Y.C1.WriteBigEndian(b.AsSpan(64, 32));
            p.Y.C0.WriteBigEndian(b.AsSpan(96, 32));
        }
        return b;
    }

    /// <summary>Parses the 128-byte precompile encoding: coordinates below p, on the twist, in the order-r subgroup.</summary>
    public static Affine<Fp2> FromBytes(ReadOnlySpan<byte> b128)
    {
        if (b128.Length != 128)
        {
            throw new CryptoException(CryptoError.BadLength, "a G2 point is 128 bytes");
        }
        if (!Fp.TryFromBigEndian(b128[..32], out var x1) || !Fp.TryFromBigEndian(b128[32..64], out var x0)
            || !Fp.TryFromBigEndian(b128[64..96], out var y1) || !Fp.TryFromBigEndian(b128[96..], out var y0))
        {
            throw new CryptoException(CryptoError.CoordinateNotInField, "a G2 coordinate is not below the field modulus p");
        }
        var x = new Fp2(x0, x1);
        var y = new Fp2(y0, y1);
        if (x.IsZero && y.IsZero)
        {
            return Affine<Fp2>.Identity;
        }
        var p = new Affine<Fp2>(x, y);
        if (!IsOnCurve(p))
        {
            throw new CryptoException(CryptoError.NotOnCurve, "the G2 point is not on the twist y² = x³ + 3/(9+u)");
        }
        if (!IsInSubgroup(p))
        {
            throw new CryptoException(CryptoError.NotInSubgroup, "the G2 point is not in the order-r subgroup");
        }
        return p;
    }
}

/// <summary>Why a cryptographic input was refused.</summary>
public enum CryptoError
{
    BadLength,
    CoordinateNotInField,
    NotOnCurve,
    NotInSubgroup,
    BadFlags,
    ScalarNotInField,
}

/// <summary>One named error for malformed curve points, scalars and encodings.</summary>
public sealed class CryptoException(CryptoError error, string message) : Exception(message)
{
    public CryptoError Error { get; } = error;
}
