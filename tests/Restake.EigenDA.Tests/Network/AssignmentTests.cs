using System.Numerics;
using CsCheck;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Tests.Network;

public class AssignmentTests
{
    // Small devnet parameters: c = 32 chunks, rate 8, at most 8 operators, 55 % / 33 % (8·24·22 = 4224 ≥ 3200).
    internal static readonly DaParams Small = new(32, 8, 8, 55, 33);

    // A 64-symbol blob (the largest c·γ = 4 chunks of 16 symbols can carry), encoded once for the property below.
    private static readonly Fr[] Blob = PayloadCodec.ToBlob(Enumerable.Range(0, 1900).Select(i => (byte)(i * 7)).ToArray());
    private static readonly EncodingParams Encoding = EncodingParams.For(Blob.Length, Small.NumChunks, Small.CodingRate);
    private static readonly Chunk[] Chunks = new BlobEncoder(KzgTests.Srs).Encode(Blob, Encoding);

    private static RegisteredOperator Op(int i, long stake) =>
        DaOperator.Devnet("op" + i, stake).Registration;

    [Fact]
    public void the_security_inequality_holds_for_mainnet_and_fails_one_point_below()
    {
        // Reference §1.3 / EigenDACertVerificationLib: 8·(8192 − 3537)·(55 − 33) = 819280 ≥ 100·8192 = 819200.
        Assert.True(DaParams.Mainnet.SecurityHolds);
        DaParams.Mainnet.Validate();
        // 8·4655·21 = 782040 < 819200.
        var weaker = DaParams.Mainnet with { ConfirmationThresholdPercent = 54 };
        Assert.False(weaker.SecurityHolds);
        Assert.Equal(DaError.BadParameters, Assert.Throws<DaException>(weaker.Validate).Error);
        // Reconstruction threshold c/(c − n)·γ = 8192/(4655·8) ≈ 22 % (reference §1.3).
        var (num, den) = DaParams.Mainnet.ReconstructionThreshold;
        Assert.Equal(8192, num);
        Assert.Equal(37240, den);
        Assert.Equal(1024, DaParams.Mainnet.ChunksForOneBlob);
    }

    [Fact]
    public void counts_are_the_ceiling_of_the_stake_share_of_c_minus_n_capped_at_one_blob()
    {
        // Stakes 10..80 (total 360), c − n = 24: 24·s/360 = 0.67, 1.33, 2, 2.67, 3.33, 4, 4.67, 5.33 → ceilings
        // 1, 2, 2, 3, 4, 4, 5, 6, and the last two capped at c·γ = 4 (worked by hand).
        var ops = Enumerable.Range(1, 8).Select(i => Op(i, 10 * i)).ToList();
        var a = Assignment.ForQuorum(ops, 0, Small);
        Assert.Equal([1, 2, 2, 3, 4, 4, 4, 4], ops.Select(o => a[o.Id].Count));
        // Contiguous ranges in id order, from 0, disjoint.
        int next = 0;
        foreach (var o in ops.OrderBy(o => o.Id.Hex, StringComparer.Ordinal))
        {
            Assert.Equal(next, a[o.Id].StartIndex);
            next += a[o.Id].Count;
        }
        Assert.Equal(24, next);
    }

    [Fact]
    public void bad_operator_sets_get_named_errors()
    {
        var many = Enumerable.Range(0, 9).Select(i => Op(i, 1)).ToList();
        Assert.Equal(DaError.BadOperatorSet, Assert.Throws<DaException>(() => Assignment.ForQuorum(many, 0, Small)).Error);
        Assert.Equal(DaError.BadOperatorSet, Assert.Throws<DaException>(() => Assignment.ForQuorum([Op(1, 5)], 1, Small)).Error);
        Assert.Equal(DaError.BadOperatorSet, Assert.Throws<DaException>(() => Assignment.ForQuorum([Op(1, 5), Op(1, 7)], 0, Small)).Error);
        Assert.Equal(DaError.BadOperatorSet, Assert.Throws<DaException>(() =>
            new DaOperator("neg", BlsKeyPair.FromSeed("neg"u8), new Dictionary<byte, BigInteger> { [0] = -1 })).Error);
    }

    [Fact]
    public void any_operators_above_the_reconstruction_threshold_hold_enough_distinct_chunks()
    {
        // Random stakes for up to 8 operators and a random subset; whenever the subset's share ≥ c/((c − n)·rate) = 1/6,
        // its distinct chunk indices number at least c·γ = 4, the count reconstruction needs.
        var keys = Enumerable.Range(0, 8).Select(i => Op(i, 1)).ToList();
        Gen.Select(Gen.Long[1, 1_000_000_000_000].Array[1, 8], Gen.UInt).Sample((stakes, mask) =>
        {
            var ops = stakes.Select((s, i) => keys[i] with { Stakes = new Dictionary<byte, BigInteger> { [0] = s } }).ToList();
            var a = Assignment.ForQuorum(ops, 0, Small);
            Assert.True(a.Values.Sum(x => x.Count) <= Small.NumChunks);
            var subset = ops.Where((_, i) => (mask >> i & 1) == 1).ToList();
            var share = subset.Sum(o => (long)o.StakeIn(0));
            var (num, den) = Small.ReconstructionThreshold;
            if ((BigInteger)share * den >= (BigInteger)stakes.Sum() * num)
            {
                var held = subset.SelectMany(o => a[o.Id].Indices).Distinct().ToList();
                Assert.True(held.Count >= Small.ChunksForOneBlob, $"{held.Count} chunks at share {share}/{stakes.Sum()}");
                // And those chunks do rebuild the blob.
                Assert.Equal(Blob, Reconstruction.Reconstruct(Encoding, Blob.Length, held.Select(i => Chunks[i])));
            }
        }, iter: 300);
    }
}
