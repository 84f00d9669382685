using System.Globalization;
using System.Numerics;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// The optimal ate pairing on BN254 (e: G1 × G2 → GT ⊂ Fp12*), as the EVM's 0x08 precompile computes it:
/// a Miller loop over 6x+2 with the two Frobenius lines, then the final exponentiation (p^12 − 1)/r.
/// The twist point is kept affine (one Fp2 inversion per step): simple, and a pairing costs a few milliseconds.
/// </summary>
public static class Pairing
{
    /// <summary>The BN parameter x (p and r are polynomials in x).</summary>
    public static readonly BigInteger X = BigInteger.Parse("4965661367192848881", CultureInfo.InvariantCulture);

    private static readonly BigInteger LoopCount = (6 * X) + 2;

    private static readonly BigInteger HardExponent = HardPart();

    // The hard exponent in base p: Σ λ_i·p^i, so f^hard = Π Frobenius_i(f)^λ_i, one joint square-and-multiply of ~254 bits.
    private static readonly BigInteger[] HardDigits = BaseP(HardExponent);

    private static BigInteger[] BaseP(BigInteger e)
    {
        var digits = new BigInteger[4];
        for (int i = 0; i < 4; i++)
        {
            digits[i] = e % Fp.Modulus;
            e /= Fp.Modulus;
        }
        if (!e.IsZero)
        {
            throw new InvalidOperationException("the hard exponent has more than four base-p digits");
        }
        return digits;
    }

    // ξ^((p−1)/3) and ξ^((p−1)/2): the twist's Frobenius constants for x and y.
    private static readonly Fp2 FrobX = Fp2.Xi.Pow((Fp.Modulus - 1) / 3);
    private static readonly Fp2 FrobY = Fp2.Xi.Pow((Fp.Modulus - 1) / 2);

    private static BigInteger HardPart()
    {
        var p = Fp.Modulus;
        var n = (p * p * p * p) - (p * p) + 1;
        if (!(n % Fr.Modulus).IsZero)
        {
            throw new InvalidOperationException("r does not divide p⁴ − p² + 1");
        }
        return n / Fr.Modulus;
    }

    /// <summary>e(P, Q).</summary>
    public static Fp12 Pair(in Affine<Fp> p, in Affine<Fp2> q) => FinalExponentiation(MillerLoop([p], [q]));

    /// <summary>True when Π e(P_i, Q_i) = 1 (one shared final exponentiation).</summary>
    public static bool Check(ReadOnlySpan<Affine<Fp>> ps, ReadOnlySpan<Affine<Fp2>> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>The product of the Miller loops of the pairs; pairs with an identity point contribute 1.</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<Affine<Fp>> ps, ReadOnlySpan<Affine<Fp2>> qs)
    {
        if (ps.Length != qs.Length)
        {
            throw new ArgumentException("as many G1 as G2 points");
        }
        var live = new List<int>();
        for (int i = 0; i < ps.Length; i++)
        {
            if (!ps[i].Infinity && !qs[i].Infinity)
            {
                live.Add(i);
            }
        }
        var f = Fp12.One;
        if (live.Count == 0)
        {
            return f;
        }
        var t = new Affine<Fp2>[live.Count];
        for (int k = 0; k < live.Count; k++)
        {
            t[k] = qs[live[k]];
        }
        for (int bit = (int)LoopCount.GetBitLength() - 2; bit >= 0; bit--)
        {
            f = f.Square();
            for (int k = 0; k < live.Count; k++)
            {
                f *= DoubleStep(ref t[k], ps[live[k]]);
            }
            if (!(LoopCount >> bit).IsEven)
            {
                for (int k = 0; k < live.Count; k++)
                {
                    f *= AddStep(ref t[k], qs[live[k]], ps[live[k]]);
                }
            }
        }
        for (int k = 0; k < live.Count; k++)
        {
            var q = qs[live[k]];
            var q1 = FrobeniusTwist(q);
            var q2 = FrobeniusTwist(q1).Negate();
            f *= AddStep(ref t[k], q1, ps[live[k]]);
            f *= AddStep(ref t[k], q2, ps[live[k]]);
        }
        return f;
    }

    /// <summary>f^((p^12 − 1)/r): the easy part (p^6 − 1)(p^2 + 1) by conjugation, inversion and Frobenius; the hard part by exponentiation.</summary>
    public static Fp12 FinalExponentiation(Fp12 f)
    {
        var t = f.Conjugate() * f.Inverse();
        t = t.Frobenius(2) * t;
        return HardPartPow(t);
    }

    private static Fp12 HardPartPow(Fp12 f)
    {
        var g = new[] { f, f.Frobenius(1), f.Frobenius(2), f.Frobenius(3) };
        var table = new Fp12[16];
        table[0] = Fp12.One;
        for (int mask = 1; mask < 16; mask++)
        {
            int low = System.Numerics.BitOperations.TrailingZeroCount(mask);
            table[mask] = mask == (1 << low) ? g[low] : table[mask & (mask - 1)] * g[low];
        }
        long bits = HardDigits.Max(d => (long)d.GetBitLength());
        var r = Fp12.One;
        for (long b = bits - 1; b >= 0; b--)
        {
            r = r.Square();
            int mask = 0;
            for (int i = 0; i < 4; i++)
            {
                if (!(HardDigits[i] >> (int)b).IsEven)
                {
                    mask |= 1 << i;
                }
            }
            if (mask != 0)
            {
                r *= table[mask];
            }
        }
        return r;
    }

    /// <summary>The hard part by plain signed-digit exponentiation: the reference the base-p route is tested against.</summary>
    internal static Fp12 HardPartReference(Fp12 f) => CyclotomicPow(f, HardExponent);

    internal static Fp12 HardPartFast(Fp12 f) => HardPartPow(f);

    // In the cyclotomic subgroup an inverse is a conjugate, so a signed-digit (NAF) exponent saves multiplications.
    private static Fp12 CyclotomicPow(Fp12 a, BigInteger e)
    {
        var naf = new List<int>();
        while (e > 0)
        {
            if (!e.IsEven)
            {
                int d = 2 - (int)(e % 4);
                naf.Add(d);
                e -= d;
            }
            else
            {
                naf.Add(0);
            }
            e >>= 1;
        }
        var inv = a.Conjugate();
        var r = Fp12.One;
        for (int i = naf.Count - 1; i >= 0; i--)
        {
            r = r.Square();
            if (naf[i] == 1)
            {
                r *= a;
            }
            else if (naf[i] == -1)
            {
                r *= inv;
            }
        }
        return r;
    }

    // π(x, y) on the twist: (conj(x)·ξ^((p−1)/3), conj(y)·ξ^((p−1)/2)).
    private static Affine<Fp2> FrobeniusTwist(in Affine<Fp2> q) =>
        new(q.X.Conjugate() * FrobX, q.Y.Conjugate() * FrobY);

    // The tangent at T evaluated at P, and T ← 2T. With the untwist (x, y) ↦ (x·w², y·w³) the line
    // y_P − λ'·x_P·w + (λ'·x_T − y_T)·w³ sits in the Fp12 slots (C0.C0, C1.C0, C1.C1).
    private static Fp12 DoubleStep(ref Affine<Fp2> t, in Affine<Fp> p)
    {
        var x2 = t.X.Square();
        var lambda = (x2.Double() + x2) * t.Y.Double().Inverse();
        var line = Line(lambda, t, p);
        var x3 = lambda.Square() - t.X.Double();
        var y3 = (lambda * (t.X - x3)) - t.Y;
        t = new Affine<Fp2>(x3, y3);
        return line;
    }

    private static Fp12 AddStep(ref Affine<Fp2> t, in Affine<Fp2> q, in Affine<Fp> p)
    {
        var lambda = (q.Y - t.Y) * (q.X - t.X).Inverse();
        var line = Line(lambda, t, p);
        var x3 = lambda.Square() - t.X - q.X;
        var y3 = (lambda * (t.X - x3)) - t.Y;
        t = new Affine<Fp2>(x3, y3);
        return line;
    }

    private static Fp12 Line(Fp2 lambda, in Affine<Fp2> t, in Affine<Fp> p) =>
        new(
            new Fp6(new Fp2(p.Y, Fp.Zero), Fp2.Zero, Fp2.Zero),
            new Fp6(-(lambda * p.X), (lambda * t.X) - t.Y, Fp2.Zero));
}
