using CsCheck;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

public class KzgTests
{
    internal static readonly Fr Tau = Fr.FromUInt64(0x1234_5678_9abc_def0);
    internal static readonly Srs Srs = Srs.CreateInsecure(Tau, 64);

    private static Fr[] Poly(int n, int seed) => Enumerable.Range(0, n).Select(i => Fr.FromUInt64((ulong)((i * 7919) + (seed * 104729) + 1))).ToArray();

    [Fact]
    public void insecure_srs_holds_the_powers_of_tau()
    {
        Assert.True(Srs.IsInsecure);
        Assert.Equal(G1.Generator, Srs.G1[0]);
        Assert.Equal(G1.MulGenerator(Tau * Tau * Tau).ToAffine(), Srs.G1[3]);
        // e([τ]₁, G₂) = e(G₁, [τ]₂)
        Assert.True(Pairing.Check([Srs.G1[1], G1.Generator.Negate()], [G2.Generator, Srs.G2Power(1)]));
    }

    [Fact]
    public void commitment_is_the_polynomial_at_tau_in_the_exponent()
    {
        var p = Poly(40, 1);
        Assert.Equal(G1.MulGenerator(Kzg.Evaluate(p, Tau)).ToAffine(), Kzg.Commit(Srs, p));
    }

    [Fact]
    public void msm_matches_the_sum_of_scalar_multiplications()
    {
        Gen.Int[1, 64].Sample(n =>
        {
            var s = Poly(n, n);
            var expected = Jacobian<Fp>.Identity;
            for (int i = 0; i < n; i++)
            {
                expected += Srs.G1[i].ToJacobian().Multiply(s[i]);
            }
            Assert.True(expected.EqualsPoint(Msm.Compute(Srs.G1[..n], s)));
        }, iter: 8);
    }

    [Fact]
    public void msm_with_wide_windows_and_extreme_scalars_matches()
    {
        var srs = Srs.CreateInsecure(Fr.FromUInt64(99), 600);
        // r − 1 and 2^k − 1 patterns exercise every signed-digit carry.
        var s = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? -Fr.FromUInt64((ulong)i + 1) : Fr.FromBigInteger((System.Numerics.BigInteger.One << (i % 254)) - 1)).ToArray();
        var expected = Jacobian<Fp>.Identity;
        for (int i = 0; i < s.Length; i++)
        {
            expected += srs.G1[i].ToJacobian().Multiply(s[i]);
        }
        Assert.True(expected.EqualsPoint(Msm.Compute(srs.G1, s)));
    }

    [Fact]
    public void an_opening_verifies_and_a_wrong_value_does_not()
    {
        var p = Poly(33, 2);
        var c = Kzg.Commit(Srs, p);
        var z = Fr.FromUInt64(987654321);
        var (y, proof) = Kzg.Open(Srs, p, z);
        Assert.Equal(Kzg.Evaluate(p, z), y);
        Assert.True(Kzg.VerifyOpening(Srs, c, z, y, proof));
        Assert.False(Kzg.VerifyOpening(Srs, c, z, y + Fr.One, proof));
    }

    [Fact]
    public void fft_matches_direct_evaluation_and_inverts()
    {
        foreach (int n in new[] { 1, 2, 8, 32 })
        {
            var d = new FftDomain(n);
            var p = Poly(n, n);
            var e = (Fr[])p.Clone();
            d.Forward(e);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(Kzg.Evaluate(p, d.Generator.Pow(i)), e[i]);
                Assert.Equal(d.Generator.Pow(i), d.Element(i));
            }
            d.Inverse(e);
            Assert.Equal(p, e);
        }
    }

    [Fact]
    public void large_parallel_fft_matches_direct_evaluation_and_inverts()
    {
        int n = 1 << 14;
        var d = new FftDomain(n);
        var p = Poly(n, 5);
        var e = (Fr[])p.Clone();
        d.Forward(e);
        foreach (int i in new[] { 0, 1, 4097, n - 1 })
        {
            Assert.Equal(Kzg.Evaluate(p, d.Element(i)), e[i]);
        }
        d.Inverse(e);
        Assert.Equal(p, e);
    }

    [Fact]
    public void g1_fft_matches_the_field_fft_in_the_exponent()
    {
        var d = new FftDomain(8);
        var s = Poly(8, 3);
        var pts = s.Select(x => G1.MulGenerator(x)).ToArray();
        d.ForwardG1(pts);
        d.Forward(s);
        for (int i = 0; i < 8; i++)
        {
            Assert.True(pts[i].EqualsPoint(G1.MulGenerator(s[i])));
        }
        d.ForwardG1(pts, inverse: true);
        d.Inverse(s);
        Assert.True(pts[5].EqualsPoint(G1.MulGenerator(s[5])));
    }

    [Theory]
    [InlineData(16, 1, 16)]
    [InlineData(16, 2, 16)]
    [InlineData(16, 4, 32)]
    [InlineData(32, 8, 8)]
    public void fk20_proofs_equal_one_division_per_coset(int n, int l, int m)
    {
        var p = Poly(n, l);
        var fk20 = new Fk20Prover(Srs).Prove(p, l, m);
        var naive = Fk20Prover.ProveNaive(Srs, p, l, m);
        Assert.Equal(naive, fk20);
    }

    [Fact]
    public void a_coset_proof_verifies_only_for_the_right_values()
    {
        int n = 16, l = 4, m = 16;
        var p = Poly(n, 9);
        var c = Kzg.Commit(Srs, p);
        var proofs = new Fk20Prover(Srs).Prove(p, l, m);
        var omegaM = Fr.RootOfUnity(4);
        var omegaN = Fr.RootOfUnity(6);
        int k = 3;
        var h = omegaN.Pow(k); // h^l = ω_m^k
        Assert.Equal(omegaM.Pow(k), h.Pow(l));
        var interp = Fk20Prover.QuotientByXlMinusZ(p, l, h.Pow(l)); // not the interpolant: used only to build the remainder below
        var remainder = Remainder(p, l, h.Pow(l));
        Assert.True(Kzg.VerifyCoset(Srs, c, h, remainder, proofs[k]));
        remainder[1] += Fr.One;
        Assert.False(Kzg.VerifyCoset(Srs, c, h, remainder, proofs[k]));
        Assert.NotEmpty(interp);
    }

    private static Fr[] Remainder(Fr[] p, int l, Fr z)
    {
        var r = (Fr[])p.Clone();
        for (int i = p.Length - 1; i >= l; i--)
        {
            r[i - l] += z * r[i];
        }
        return r[..l];
    }
}

public class LengthProofTests
{
    [Fact]
    public void a_length_proof_verifies_for_the_claimed_bound_and_not_for_a_smaller_one()
    {
        var srs = Srs.CreateInsecure(Fr.FromUInt64(777), 16);
        var p = Enumerable.Range(1, 8).Select(i => Fr.FromUInt64((ulong)i)).ToArray();
        var c = Kzg.Commit(srs, p);
        var (l, proof) = Kzg.CommitLength(srs, p, 8);
        Assert.True(Kzg.VerifyLength(srs, c, l, proof, 8));
        // The same proof does not pass as a bound of 4 (it was made for 8)…
        Assert.False(Kzg.VerifyLength(srs, c, l, proof, 4));
        // …and a commitment to another polynomial does not match L.
        Assert.False(Kzg.VerifyLength(srs, Kzg.Commit(srs, p.AsSpan(0, 7)), l, proof, 8));
        Assert.Throws<CryptoException>(() => Kzg.CommitLength(srs, p, 4));
    }
}
