using CsCheck;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Tests;

/// <summary>The batch-affine MSM against the Jacobian-bucket one and against summed scalar multiplications.</summary>
public class MsmTests
{
    private static readonly Srs Srs = Srs.CreateInsecure(Fr.FromUInt64(0x5eed_0001), 1100);
    private static Gen<Fr> Scalar => Gen.Byte.Array[32].Select(b => Fr.FromBigEndianReduced(b));
    private static readonly Fr RMinus1 = -Fr.One;

    private static Jacobian<Fp> Naive(ReadOnlySpan<Affine<Fp>> bases, ReadOnlySpan<Fr> scalars)
    {
        var acc = Jacobian<Fp>.Identity;
        for (int i = 0; i < scalars.Length; i++)
        {
            acc += bases[i].ToJacobian().Multiply(scalars[i]);
        }
        return acc;
    }

    private static Fr[] RandomScalars(int n, int seed)
    {
        var rng = new Random(seed);
        var b = new byte[32];
        return Enumerable.Range(0, n).Select(_ =>
        {
            rng.NextBytes(b);
            return Fr.FromBigEndianReduced(b);
        }).ToArray();
    }

    private static void AllAgree(ReadOnlySpan<Affine<Fp>> bases, Fr[] scalars)
    {
        var expected = Naive(bases, scalars);
        Assert.True(expected.EqualsPoint(Msm.ComputeJacobian<Fp>(bases, scalars)), "Jacobian buckets");
        Assert.True(expected.EqualsPoint(Msm.ComputeBatchAffine<Fp>(bases, scalars)), "batch-affine buckets");
        Assert.True(expected.EqualsPoint(Msm.ComputeBatchAffine<Fp>(bases, scalars, parallel: false)), "batch-affine, one thread");
        Assert.True(expected.EqualsPoint(Msm.Compute<Fp>(bases, scalars)), "dispatch");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(1024)]
    [InlineData(1100)]
    public void random_inputs_match_at_window_and_batch_boundaries(int n) =>
        AllAgree(Srs.G1[..n], RandomScalars(n, n));

    [Fact]
    public void repeated_points_and_equal_scalars_force_doublings_and_collisions()
    {
        // Every point the same and every scalar the same: each window sends all n additions into one bucket.
        int n = 700;
        var bases = Enumerable.Repeat(Srs.G1[5], n).ToArray();
        AllAgree(bases, Enumerable.Repeat(Fr.FromUInt64(12345), n).ToArray());
        // Repeated points with random scalars: P + P doublings inside a batch.
        var few = Enumerable.Range(0, n).Select(i => Srs.G1[i % 3]).ToArray();
        AllAgree(few, RandomScalars(n, 77));
        // Equal small scalars over distinct points: one busy bucket, the rest of the window empty.
        AllAgree(Srs.G1[..n], Enumerable.Repeat(Fr.FromUInt64(3), n).ToArray());
    }

    [Fact]
    public void a_point_and_its_negation_cancel_in_the_bucket()
    {
        int n = 600;
        var bases = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? Srs.G1[i / 2] : Srs.G1[i / 2].Negate()).ToArray();
        var k = RandomScalars(n / 2, 5);
        var scalars = Enumerable.Range(0, n).Select(i => k[i / 2]).ToArray();
        Assert.True(Msm.ComputeBatchAffine<Fp>(bases, scalars).IsIdentity);
        Assert.True(Msm.ComputeJacobian<Fp>(bases, scalars).IsIdentity);
        // Same with one extra term left over, so the answer is a known non-identity point.
        scalars[0] += Fr.One;
        Assert.True(Srs.G1[0].ToJacobian().EqualsPoint(Msm.ComputeBatchAffine<Fp>(bases, scalars)));
        // P and −P with the same digit land in one bucket through the queue as well: the all-equal scalar case.
        AllAgree(bases, Enumerable.Repeat(Fr.FromUInt64(9), n).ToArray());
    }

    [Fact]
    public void zero_scalars_infinity_bases_and_r_minus_1()
    {
        int n = 600;
        var scalars = RandomScalars(n, 11);
        for (int i = 0; i < n; i += 3)
        {
            scalars[i] = Fr.Zero;
        }
        for (int i = 1; i < n; i += 5)
        {
            scalars[i] = RMinus1; // every signed digit carries
        }
        var bases = Srs.G1[..n].ToArray();
        bases[7] = Affine<Fp>.Identity;
        AllAgree(bases, scalars);
        Assert.True(Msm.ComputeBatchAffine<Fp>(bases, new Fr[n]).IsIdentity);
        // (r − 1)·P = −P for every point: the sum is −Σ P.
        var all = Enumerable.Repeat(RMinus1, n).ToArray();
        var sum = Jacobian<Fp>.Identity;
        foreach (var p in Srs.G1[..n])
        {
            sum = sum.AddAffine(p);
        }
        Assert.True(sum.Negate().EqualsPoint(Msm.ComputeBatchAffine<Fp>(Srs.G1[..n], all)));
    }

    [Fact]
    public void batch_affine_matches_jacobian_on_random_small_inputs()
    {
        Gen.Int[1, 40].SelectMany(n => Gen.Select(Scalar.Array[n], Gen.Int[0, 1100 - n]))
            .Sample((scalars, offset) =>
            {
                var bases = Srs.G1.Slice(offset, scalars.Length);
                Assert.True(Naive(bases, scalars).EqualsPoint(Msm.ComputeBatchAffine(bases, scalars)));
            }, iter: 40);
    }

    [Fact]
    public void batch_affine_works_over_g2()
    {
        int n = 40;
        var bases = Enumerable.Range(1, n).Select(i => G2.MulGenerator(Fr.FromUInt64((ulong)i * 31)).ToAffine()).ToArray();
        var scalars = RandomScalars(n, 3);
        Assert.True(Msm.ComputeJacobian<Fp2>(bases, scalars).EqualsPoint(Msm.ComputeBatchAffine<Fp2>(bases, scalars)));
    }
}
