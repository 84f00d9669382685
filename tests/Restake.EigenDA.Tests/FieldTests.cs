using System.Numerics;
using CsCheck;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

/// <summary>Montgomery limb arithmetic against a BigInteger oracle, and the tower's field laws.</summary>
public class FieldTests
{
    private static Gen<BigInteger> Below(BigInteger m) =>
        Gen.Byte.Array[32].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true) % m);

    // Edge values next to 0 and the modulus, where carries and the final subtraction matter.
    private static Gen<BigInteger> Edgy(BigInteger m) =>
        Gen.OneOf(Below(m), Gen.Int[0, 3].Select(i => (BigInteger)i), Gen.Int[1, 4].Select(i => m - i));

    [Fact]
    public void fp_add_sub_mul_inverse_match_the_bigint_oracle()
    {
        var p = Fp.Modulus;
        Gen.Select(Edgy(p), Edgy(p)).Sample((a, b) =>
        {
            var x = Fp.FromBigInteger(a);
            var y = Fp.FromBigInteger(b);
            Assert.Equal((a + b) % p, (x + y).ToBigInteger());
            Assert.Equal(((a - b) % p + p) % p, (x - y).ToBigInteger());
            Assert.Equal(a * b % p, (x * y).ToBigInteger());
            Assert.Equal((p - a) % p, (-x).ToBigInteger());
            if (!a.IsZero)
            {
                Assert.Equal(BigInteger.ModPow(a, p - 2, p), x.Inverse().ToBigInteger());
            }
        }, iter: 300);
    }

    [Fact]
    public void fr_add_sub_mul_match_the_bigint_oracle()
    {
        var r = Fr.Modulus;
        Gen.Select(Edgy(r), Edgy(r)).Sample((a, b) =>
        {
            var x = Fr.FromBigInteger(a);
            var y = Fr.FromBigInteger(b);
            Assert.Equal((a + b) % r, (x + y).ToBigInteger());
            Assert.Equal(((a - b) % r + r) % r, (x - y).ToBigInteger());
            Assert.Equal(a * b % r, (x * y).ToBigInteger());
            Assert.True((x * x.Inverse()).IsOne || a.IsZero);
        }, iter: 300);
    }

    [Fact]
    public void bytes_round_trip_and_values_at_or_above_the_modulus_are_refused()
    {
        Below(Fr.Modulus).Sample(a =>
        {
            var b = a.ToByteArray(isUnsigned: true, isBigEndian: true);
            var padded = new byte[32];
            b.CopyTo(padded, 32 - b.Length);
            Assert.True(Fr.TryFromBigEndian(padded, out var x));
            Assert.Equal(padded, x.ToBigEndian());
        }, iter: 100);
        Assert.False(Fr.TryFromBigEndian(Fr.Modulus.ToByteArray(isUnsigned: true, isBigEndian: true), out _));
        Assert.False(Fp.TryFromBigEndian(Fp.Modulus.ToByteArray(isUnsigned: true, isBigEndian: true), out _));
    }

    [Fact]
    public void fr_root_of_unity_is_the_published_2_pow_28_root()
    {
        // The value arkworks, snarkjs and gnark-crypto use for BN254 Fr (reference §1.4).
        Assert.Equal(BigInteger.Parse("19103219067921713944291392827692070036145651957329286315305642004821462161904"), Fr.RootOfUnity2Pow28.ToBigInteger());
        var w = Fr.RootOfUnity(28);
        for (int i = 0; i < 27; i++)
        {
            w = w.Square();
        }
        Assert.False(w.IsOne); // order exactly 2^28: w^(2^27) = −1
        Assert.True(w.Square().IsOne);
    }

    [Fact]
    public void fp_square_roots_exist_for_squares_only()
    {
        Below(Fp.Modulus).Sample(a =>
        {
            var x = Fp.FromBigInteger(a);
            Assert.True(x.Square().TrySqrt(out var s));
            Assert.True(s == x || s == -x);
            bool residue = BigInteger.ModPow(a, (Fp.Modulus - 1) / 2, Fp.Modulus) <= 1;
            Assert.Equal(residue, x.TrySqrt(out _));
        }, iter: 50);
    }

    private static Gen<Fp2> Fp2Gen => Gen.Select(Below(Fp.Modulus), Below(Fp.Modulus)).Select((a, b) => new Fp2(Fp.FromBigInteger(a), Fp.FromBigInteger(b)));

    private static Gen<Fp12> Fp12Gen => Fp2Gen.Array[6].Select(c => new Fp12(new Fp6(c[0], c[1], c[2]), new Fp6(c[3], c[4], c[5])));

    [Fact]
    public void tower_fields_obey_the_field_laws()
    {
        Gen.Select(Fp12Gen, Fp12Gen, Fp12Gen).Sample((a, b, c) =>
        {
            Assert.Equal(a * (b + c), (a * b) + (a * c));
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * b, b * a);
            Assert.Equal(a * a, a.Square());
            Assert.True((a * a.Inverse()).IsOne);
            Assert.Equal(a.Pow(Fp.Modulus), a.Frobenius(1));
        }, iter: 10);
        Gen.Select(Fp2Gen, Fp2Gen).Sample((a, b) =>
        {
            Assert.Equal(a * b, b * a);
            Assert.Equal(a * a, a.Square());
            Assert.True((a * a.Inverse()) == Fp2.One);
            Assert.Equal(a * Fp2.Xi, a.MulByXi());
            Assert.True(a.Square().TrySqrt(out var s) && s.Square() == a.Square());
        }, iter: 50);
    }

    [Fact]
    public void frobenius_squared_and_cubed_match_powers()
    {
        Fp12Gen.Sample(a =>
        {
            Assert.Equal(a.Frobenius(1).Frobenius(1), a.Frobenius(2));
            Assert.Equal(a.Frobenius(2).Frobenius(1), a.Frobenius(3));
            Assert.Equal(a.Conjugate(), a.Frobenius(3).Frobenius(3));
        }, iter: 5);
    }
}
