using System.Numerics;
using System.Runtime.CompilerServices;

namespace Restake.EigenDA.Crypto;

/// <summary>Fp2 = Fp[u]/(u² + 1), the field of G2 coordinates (EVM precompile convention: c0 + c1·u).</summary>
public readonly struct Fp2(Fp c0, Fp c1) : IField<Fp2>
{
    public readonly Fp C0 = c0;
    public readonly Fp C1 = c1;

    public static Fp2 Zero => default;
    public static Fp2 One => new(Fp.One, Fp.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero;

    /// <summary>ξ = 9 + u, the non-residue of the sextic twist (v³ = ξ).</summary>
    public static readonly Fp2 Xi = new(Fp.FromUInt64(9), Fp.One);

    public static Fp2 operator +(Fp2 a, Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);
    public static Fp2 operator -(Fp2 a, Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);
    public static Fp2 operator -(Fp2 a) => new(-a.C0, -a.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator *(Fp2 a, Fp2 b)
    {
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var t2 = (a.C0 + a.C1) * (b.C0 + b.C1);
        return new(t0 - t1, t2 - t0 - t1);
    }

    public static Fp2 operator *(Fp2 a, Fp s) => new(a.C0 * s, a.C1 * s);

    public Fp2 Square()
    {
        var t = C0 * C1;
        return new((C0 + C1) * (C0 - C1), t + t);
    }

    public Fp2 Double() => new(C0.Double(), C1.Double());
    public Fp2 Conjugate() => new(C0, -C1);

    public Fp2 Inverse()
    {
        var n = (C0.Square() + C1.Square()).Inverse();
        return new(C0 * n, -(C1 * n));
    }

    /// <summary>Multiplication by ξ = 9 + u.</summary>
    public Fp2 MulByXi()
    {
        var nine0 = C0.Double().Double().Double() + C0;
        var nine1 = C1.Double().Double().Double() + C1;
        return new(nine0 - C1, C0 + nine1);
    }

    public Fp2 Pow(BigInteger e) => FieldMath.Pow(this, e);

    private static readonly BigInteger SqrtE1 = (Fp.Modulus - 3) / 4;
    private static readonly BigInteger SqrtE2 = (Fp.Modulus - 1) / 2;

    /// <summary>Square root in Fp2 for p ≡ 3 mod 4 (the complex method); false when none exists. Verified by squaring.</summary>
    public bool TrySqrt(out Fp2 root)
    {
        if (IsZero)
        {
            root = Zero;
            return true;
        }
        var a1 = Pow(SqrtE1);
        var alpha = a1.Square() * this;
        var x0 = a1 * this;
        var minusOne = -One;
        if (alpha == minusOne)
        {
            root = new Fp2(-x0.C1, x0.C0); // u·x0
        }
        else
        {
            root = (One + alpha).Pow(SqrtE2) * x0;
        }
        return root.Square() == this;
    }

    public bool Equals(Fp2 other) => C0 == other.C0 && C1 == other.C1;
    public override bool Equals(object? obj) => obj is Fp2 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public static bool operator ==(Fp2 a, Fp2 b) => a.Equals(b);
    public static bool operator !=(Fp2 a, Fp2 b) => !a.Equals(b);
    public override string ToString() => $"({C0}, {C1})";
}

/// <summary>Fp6 = Fp2[v]/(v³ − ξ).</summary>
public readonly struct Fp6(Fp2 c0, Fp2 c1, Fp2 c2) : IField<Fp6>
{
    public readonly Fp2 C0 = c0, C1 = c1, C2 = c2;

    public static Fp6 Zero => default;
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6 operator +(Fp6 a, Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6 operator -(Fp6 a, Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6 operator -(Fp6 a) => new(-a.C0, -a.C1, -a.C2);

    public static Fp6 operator *(Fp6 a, Fp6 b)
    {
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var t2 = a.C2 * b.C2;
        var c0 = (((a.C1 + a.C2) * (b.C1 + b.C2)) - t1 - t2).MulByXi() + t0;
        var c1 = ((a.C0 + a.C1) * (b.C0 + b.C1)) - t0 - t1 + t2.MulByXi();
        var c2 = ((a.C0 + a.C2) * (b.C0 + b.C2)) - t0 - t2 + t1;
        return new(c0, c1, c2);
    }

    public Fp6 Square() => this * this;
    public Fp6 Double() => this + this;

    /// <summary>Multiplication by v: (c0, c1, c2)·v = (ξ·c2, c0, c1).</summary>
    public Fp6 MulByV() => new(C2.MulByXi(), C0, C1);

    public Fp6 Inverse()
    {
        var t0 = C0.Square() - (C1 * C2).MulByXi();
        var t1 = C2.Square().MulByXi() - (C0 * C1);
        var t2 = C1.Square() - (C0 * C2);
        var t3 = ((C0 * t0) + ((C2 * t1) + (C1 * t2)).MulByXi()).Inverse();
        return new(t0 * t3, t1 * t3, t2 * t3);
    }

    public bool Equals(Fp6 other) => C0 == other.C0 && C1 == other.C1 && C2 == other.C2;
    public override bool Equals(object? obj) => obj is Fp6 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
    public static bool operator ==(Fp6 a, Fp6 b) => a.Equals(b);
    public static bool operator !=(Fp6 a, Fp6 b) => !a.Equals(b);
}

/// <summary>Fp12 = Fp6[w]/(w² − v), the pairing's target field (w⁶ = ξ).</summary>
public readonly struct Fp12(Fp6 c0, Fp6 c1) : IField<Fp12>
{
    public readonly Fp6 C0 = c0, C1 = c1;

    public static Fp12 Zero => default;
    public static Fp12 One => new(Fp6.One, Fp6.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero;
    public bool IsOne => C0 == Fp6.One && C1.IsZero;

    public static Fp12 operator +(Fp12 a, Fp12 b) => new(a.C0 + b.C0, a.C1 + b.C1);
    public static Fp12 operator -(Fp12 a, Fp12 b) => new(a.C0 - b.C0, a.C1 - b.C1);
    public static Fp12 operator -(Fp12 a) => new(-a.C0, -a.C1);

    public static Fp12 operator *(Fp12 a, Fp12 b)
    {
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var c1 = ((a.C0 + a.C1) * (b.C0 + b.C1)) - t0 - t1;
        return new(t0 + t1.MulByV(), c1);
    }

    public Fp12 Square()
    {
        // Complex squaring: (a + bw)² = (a + b)(a + vb) − ab − v·ab + 2ab·w.
        var ab = C0 * C1;
        var c0 = ((C0 + C1) * (C0 + C1.MulByV())) - ab - ab.MulByV();
        return new(c0, ab.Double());
    }

    public Fp12 Double() => this + this;

    /// <summary>The p^6-power Frobenius: conjugation over Fp6.</summary>
    public Fp12 Conjugate() => new(C0, -C1);

    public Fp12 Inverse()
    {
        var t = (C0.Square() - C1.Square().MulByV()).Inverse();
        return new(C0 * t, -(C1 * t));
    }

    public Fp12 Pow(BigInteger e) => FieldMath.Pow(this, e);

    // γ[n][k] = ξ^(k·(p^n − 1)/6): the Frobenius constant of the basis element w^k.
    private static readonly Fp2[][] Gamma = BuildGamma();

    private static Fp2[][] BuildGamma()
    {
        var g = new Fp2[4][];
        var pn = BigInteger.One;
        for (int n = 1; n <= 3; n++)
        {
            pn *= Fp.Modulus;
            g[n] = new Fp2[6];
            for (int k = 0; k < 6; k++)
            {
                g[n][k] = Fp2.Xi.Pow(k * (pn - 1) / 6);
            }
        }
        return g;
    }

    /// <summary>x ↦ x^(p^n) for n in 1..3: each coefficient of w^k is conjugated n times and scaled by ξ^(k(p^n−1)/6).</summary>
    public Fp12 Frobenius(int n)
    {
        var g = Gamma[n];
        Fp2 F(Fp2 c) => (n & 1) == 1 ? c.Conjugate() : c;
        // Basis: C0 = (w^0, w^2, w^4), C1 = (w^1, w^3, w^5).
        return new(
            new Fp6(F(C0.C0), F(C0.C1) * g[2], F(C0.C2) * g[4]),
            new Fp6(F(C1.C0) * g[1], F(C1.C1) * g[3], F(C1.C2) * g[5]));
    }

    public bool Equals(Fp12 other) => C0 == other.C0 && C1 == other.C1;
    public override bool Equals(object? obj) => obj is Fp12 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public static bool operator ==(Fp12 a, Fp12 b) => a.Equals(b);
    public static bool operator !=(Fp12 a, Fp12 b) => !a.Equals(b);
}
