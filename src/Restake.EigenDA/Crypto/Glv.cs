using System.Numerics;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// G1 scalar multiplication with the GLV endomorphism φ(x, y) = (β·x, y) = λ·(x, y), β a cube root of unity in Fp and
/// λ one in Fr: k = k₁ + k₂·λ with |k₁|, |k₂| ≈ √r, so k·P = k₁·P + k₂·φ(P) takes half the doublings. β, λ and the short
/// lattice basis are derived at start-up (extended Euclid on r and λ, Guide to ECC alg. 3.74), not typed in.
/// </summary>
internal static class Glv
{
    private static readonly Fp Beta;
    private static readonly BigInteger Lambda;
    private static readonly BigInteger A1, B1, A2, B2;

    static Glv()
    {
        var p = Fp.Modulus;
        var r = Fr.Modulus;
        Fp beta = Fp.One;
        for (ulong g = 2; beta.IsOne; g++)
        {
            beta = Fp.FromUInt64(g).Pow((p - 1) / 3);
        }
        BigInteger lambda = BigInteger.One;
        for (int h = 2; lambda.IsOne; h++)
        {
            lambda = BigInteger.ModPow(h, (r - 1) / 3, r);
        }
        // Pair β with the λ that acts as it does: φ(G) = λ·G, else take λ².
        var g1 = G1.Generator;
        var phiG = new Affine<Fp>(g1.X * beta, g1.Y);
        if (!g1.ToJacobian().Multiply(lambda).ToAffine().Equals(phiG))
        {
            lambda = lambda * lambda % r;
        }
        Beta = beta;
        Lambda = lambda;

        // Extended Euclid on (r, λ): r_i = s_i·r + t_i·λ.
        var sqrt = Sqrt(r);
        BigInteger r0 = r, r1 = lambda, t0 = 0, t1 = 1;
        var rs = new List<BigInteger> { r0, r1 };
        var ts = new List<BigInteger> { t0, t1 };
        while (r1 != 0)
        {
            var q = r0 / r1;
            (r0, r1) = (r1, r0 - (q * r1));
            (t0, t1) = (t1, t0 - (q * t1));
            rs.Add(r1);
            ts.Add(t1);
        }
        int l = 0;
        for (int i = 0; i < rs.Count; i++)
        {
            if (rs[i] >= sqrt)
            {
                l = i;
            }
        }
        A1 = rs[l + 1];
        B1 = -ts[l + 1];
        var (a2a, b2a) = (rs[l], -ts[l]);
        var (a2b, b2b) = (rs[l + 2], -ts[l + 2]);
        if ((a2a * a2a) + (b2a * b2a) <= (a2b * a2b) + (b2b * b2b))
        {
            (A2, B2) = (a2a, b2a);
        }
        else
        {
            (A2, B2) = (a2b, b2b);
        }
    }

    // Integer square root by Newton's iteration (doubles lose the low bits of 254-bit numbers).
    private static BigInteger Sqrt(BigInteger n)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + (n / x)) >> 1;
            if (y >= x)
            {
                return x;
            }
            x = y;
        }
    }

    /// <summary>(k₁, k₂) with k ≡ k₁ + k₂·λ (mod r), both about half of r's bit length (signs included).</summary>
    internal static (BigInteger K1, BigInteger K2) Decompose(BigInteger k)
    {
        var r = Fr.Modulus;
        var c1 = RoundDiv(B2 * k, r);
        var c2 = RoundDiv(-B1 * k, r);
        var k1 = k - (c1 * A1) - (c2 * A2);
        var k2 = -(c1 * B1) - (c2 * B2);
        return (k1, k2);
    }

    private static BigInteger RoundDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var rem);
        if (BigInteger.Abs(rem) * 2 >= b)
        {
            q += a.Sign >= 0 ? 1 : -1;
        }
        return q;
    }

    internal static BigInteger LambdaValue => Lambda;

    /// <summary>k·P on G1.</summary>
    public static Jacobian<Fp> Multiply(in Jacobian<Fp> point, Fr k)
    {
        if (point.IsIdentity || k.IsZero)
        {
            return Jacobian<Fp>.Identity;
        }
        var (k1, k2) = Decompose(k.ToBigInteger());
        var p1 = k1.Sign < 0 ? point.Negate() : point;
        var phi = new Jacobian<Fp>(point.X * Beta, point.Y, point.Z);
        var p2 = k2.Sign < 0 ? phi.Negate() : phi;
        var e1 = BigInteger.Abs(k1);
        var e2 = BigInteger.Abs(k2);
        // Shamir's trick with 2-bit joint windows: table[i + 4j] = i·P1 + j·P2.
        var table = new Jacobian<Fp>[16];
        table[0] = Jacobian<Fp>.Identity;
        for (int i = 1; i < 4; i++)
        {
            table[i] = table[i - 1] + p1;
        }
        for (int j = 1; j < 4; j++)
        {
            for (int i = 0; i < 4; i++)
            {
                table[i + (4 * j)] = table[i + (4 * (j - 1))] + p2;
            }
        }
        var b1 = e1.ToByteArray(isUnsigned: true, isBigEndian: false);
        var b2 = e2.ToByteArray(isUnsigned: true, isBigEndian: false);
        int bits = Math.Max(b1.Length, b2.Length) * 8;
        var acc = Jacobian<Fp>.Identity;
        for (int bit = bits - 2; bit >= 0; bit -= 2)
        {
            acc = acc.Double().Double();
            int d1 = TwoBits(b1, bit);
            int d2 = TwoBits(b2, bit);
            int idx = d1 + (4 * d2);
            if (idx != 0)
            {
                acc += table[idx];
            }
        }
        return acc;
    }

    private static int TwoBits(byte[] le, int bit)
    {
        int by = bit >> 3;
        return by < le.Length ? (le[by] >> (bit & 7)) & 3 : 0;
    }
}
