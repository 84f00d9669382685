using Restake.Picasso;

namespace Restake.Picasso.Tests;

/// <summary>Upstream's candidates tests (guestchain/src/candidates/tests.rs, test_candidates_0 and test_candidiates_1), replayed step by step.</summary>
public class CandidatesTests
{
    private static PubKey K(char c) => PubKey.Mock(c);

    private static ChainConfig Cfg(ushort minValidators = 1, ulong minValidatorStake = 1, ulong minTotalStake = 1) =>
        new(minValidators, ushort.MaxValue, minValidatorStake, minTotalStake, 1, 1, ulong.MaxValue, 1);

    private static void Check(Candidates cs, params (char Key, ulong Stake)[] want)
    {
        Assert.Equal(want.Select(w => (K(w.Key), (UInt128)w.Stake)), cs.All.Select(c => (c.PubKey, c.Stake)));
        Assert.Equal(want.Take(cs.MaxValidators).Aggregate(UInt128.Zero, (s, w) => s + w.Stake), cs.HeadStake);
    }

    private static string? Set(Candidates cs, ChainConfig cfg, char key, ulong stake) => cs.Update(cfg, K(key), stake).Error?.Name;

    [Fact]
    public void Upstream_test_candidates_0()
    {
        var cs = new Candidates(3, new[] { ('A', 1UL), ('B', 2UL), ('C', 3UL), ('D', 4UL), ('E', 5UL) }.Select(x => new Validator(K(x.Item1), x.Item2)));
        Check(cs, ('E', 5), ('D', 4), ('C', 3), ('B', 2), ('A', 1));

        Assert.Equal("NotEnoughTotalStake", Set(cs, Cfg(minTotalStake: 10), 'E', 0));
        Assert.Equal("NotEnoughValidators", Set(cs, Cfg(minValidators: 5), 'E', 0));

        Assert.Null(Set(cs, Cfg(minValidators: 2), 'E', 0));
        Check(cs, ('D', 4), ('C', 3), ('B', 2), ('A', 1));
        Assert.Null(Set(cs, Cfg(minValidators: 2), 'E', 0)); // removal is idempotent
        Check(cs, ('D', 4), ('C', 3), ('B', 2), ('A', 1));

        Assert.Null(Set(cs, Cfg(), 'C', 0));
        Assert.Null(Set(cs, Cfg(), 'B', 0));
        Assert.Null(Set(cs, Cfg(), 'A', 0));
        Check(cs, ('D', 4));

        Assert.Equal("NotEnoughValidatorStake", Set(cs, Cfg(minValidatorStake: 4), 'C', 3));

        // Adding candidates and stake is never held to min_total_stake.
        Assert.Null(Set(cs, Cfg(minTotalStake: 20), 'A', 3));
        Assert.Null(Set(cs, Cfg(minTotalStake: 20), 'B', 2));
        Assert.Null(Set(cs, Cfg(minTotalStake: 20), 'C', 3));
        Check(cs, ('D', 4), ('A', 3), ('C', 3), ('B', 2));
        Assert.Null(Set(cs, Cfg(minTotalStake: 20), 'C', 4));
        Check(cs, ('C', 4), ('D', 4), ('A', 3), ('B', 2));

        // Reductions are.
        Assert.Equal("NotEnoughValidatorStake", Set(cs, Cfg(minValidatorStake: 3), 'C', 2));
        Assert.Equal("NotEnoughTotalStake", Set(cs, Cfg(minTotalStake: 10), 'C', 2));
        Check(cs, ('C', 4), ('D', 4), ('A', 3), ('B', 2));

        Assert.Null(Set(cs, Cfg(minTotalStake: 10), 'B', 3));
        Check(cs, ('C', 4), ('D', 4), ('A', 3), ('B', 3));
        // C leaves the top three, but B coming in keeps the head at 10.
        Assert.Null(Set(cs, Cfg(minTotalStake: 10), 'C', 2));
        Check(cs, ('D', 4), ('A', 3), ('B', 3), ('C', 2));
    }

    [Fact]
    public void Upstream_test_candidates_1()
    {
        var cs = new Candidates(4, new[] { ('F', 168UL), ('D', 95UL), ('E', 81UL), ('C', 68UL), ('I', 63UL) }.Select(x => new Validator(K(x.Item1), x.Item2)));
        Assert.Null(Set(cs, Cfg(minValidators: 64, minValidatorStake: 128, minTotalStake: 16000) with { MaxValidators = 128 }, 'I', 254));
        Check(cs, ('I', 254), ('F', 168), ('D', 95), ('E', 81), ('C', 68));
    }
}
