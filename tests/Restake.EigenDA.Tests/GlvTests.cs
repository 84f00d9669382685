using System.Numerics;
using CsCheck;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

public class GlvTests
{
    private static Gen<Fr> Scalar => Gen.Byte.Array[32].Select(b => Fr.FromBigEndianReduced(b));

    [Fact]
    public void lambda_is_a_cube_root_of_unity_acting_as_the_endomorphism()
    {
        var l = Glv.LambdaValue;
        var r = Fr.Modulus;
        Assert.Equal(BigInteger.Zero, ((l * l) + l + 1) % r);
    }

    [Fact]
    public void decomposition_is_short_and_exact()
    {
        Scalar.Sample(k =>
        {
            var kk = k.ToBigInteger();
            var (k1, k2) = Glv.Decompose(kk);
            var r = Fr.Modulus;
            Assert.Equal(kk, (((k1 + (k2 * Glv.LambdaValue)) % r) + r) % r);
            Assert.True(BigInteger.Abs(k1).GetBitLength() <= 128 && BigInteger.Abs(k2).GetBitLength() <= 128);
        }, iter: 200);
    }

    [Fact]
    public void glv_multiplication_equals_the_plain_window()
    {
        Gen.Select(Scalar, Scalar).Sample((k, s) =>
        {
            var p = G1.MulGenerator(s);
            Assert.True(p.Multiply(k).EqualsPoint(p.MultiplyWindowed(k)));
        }, iter: 30);
        var g = G1.Generator.ToJacobian();
        Assert.True(g.Multiply(Fr.Zero).IsIdentity);
        Assert.True(g.Multiply(Fr.One).EqualsPoint(g));
        Assert.True(g.Multiply(-Fr.One).EqualsPoint(g.Negate()));
    }
}
