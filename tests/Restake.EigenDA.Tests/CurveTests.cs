using System.Numerics;
using CsCheck;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

public class CurveTests
{
    private static Gen<Fr> Scalar => Gen.Byte.Array[32].Select(b => Fr.FromBigEndianReduced(b));

    [Fact]
    public void group_laws_hold_in_g1_and_g2()
    {
        Gen.Select(Scalar, Scalar).Sample((a, b) =>
        {
            var g = G1.Generator.ToJacobian();
            Assert.True((g.Multiply(a) + g.Multiply(b)).EqualsPoint(g.Multiply(a + b)));
            Assert.True(g.Multiply(a).Multiply(b).EqualsPoint(g.Multiply(a * b)));
            Assert.True(g.Multiply(a).EqualsPoint(g.Multiply(a.ToBigInteger())));
            Assert.True(G1.IsOnCurve(g.Multiply(a).ToAffine()));
            var h = G2.Generator.ToJacobian();
            Assert.True((h.Multiply(a) + h.Multiply(b)).EqualsPoint(h.Multiply(a + b)));
            Assert.True(G2.IsOnCurve(h.Multiply(a).ToAffine()));
            Assert.True(h.Multiply(a).AddAffine(h.Multiply(b).ToAffine()).EqualsPoint(h.Multiply(a + b)));
        }, iter: 4);
    }

    [Fact]
    public void generators_have_order_r()
    {
        Assert.True(G1.Generator.ToJacobian().Multiply(Fr.Modulus).IsIdentity);
        Assert.True(G2.IsInSubgroup(G2.Generator));
        Assert.True(G2.IsOnCurve(G2.Generator));
    }

    [Fact]
    public void pairing_is_bilinear_and_non_degenerate()
    {
        Gen.Select(Scalar, Scalar).Sample((a, b) =>
        {
            var pa = G1.MulGenerator(a).ToAffine();
            var qb = G2.MulGenerator(b).ToAffine();
            var e = Pairing.Pair(G1.Generator, G2.Generator);
            Assert.False(e.IsOne);
            Assert.True(e.Pow(Fr.Modulus).IsOne);
            Assert.Equal(e.Pow((a * b).ToBigInteger()), Pairing.Pair(pa, qb));
            // e(aP, bQ)·e(−abP, Q) = 1
            var ab = G1.MulGenerator(a * b).ToAffine().Negate();
            Assert.True(Pairing.Check([pa, ab], [qb, G2.Generator]));
            Assert.False(Pairing.Check([pa, ab], [qb, G2.MulGenerator(Fr.FromUInt64(2)).ToAffine()]));
        }, iter: 2);
    }
}

public class FinalExponentiationTests
{
    [Fact]
    public void base_p_hard_part_equals_plain_exponentiation()
    {
        var f = Pairing.MillerLoop([G1.Generator], [G2.Generator]);
        var t = f.Conjugate() * f.Inverse();
        t = t.Frobenius(2) * t;
        Assert.Equal(Pairing.HardPartReference(t), Pairing.HardPartFast(t));
    }
}
