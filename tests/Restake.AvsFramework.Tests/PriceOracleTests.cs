using Restake.AvsFramework.Examples;
using Restake.Primitives;

namespace Restake.AvsFramework.Tests;

/// <summary>The price oracle example (scenarios/avs/price-oracle.yaml): stake-weighted median, tolerance band, slashing outside it.</summary>
public sealed class PriceOracleTests
{
    private static AvsWorld World() => AvsWorld.Start("price-oracle.yaml", "oracle-avs", new PriceOracle());

    [Fact]
    public void The_weighted_median_matches_hand_worked_vectors()
    {
        static Report R(string op, ulong v, ulong w) => new(op, v, w);
        // Hand-worked: sorted 10(w1) 20(w1) 30(w5): half of 7 is reached at 30.
        Assert.Equal((UInt256)30UL, PriceOracle.WeightedMedian([R("a", 20, 1), R("b", 30, 5), R("c", 10, 1)]));
        // 10(w2) 20(w2): 2·2 ≥ 4 at 10, the lower median.
        Assert.Equal((UInt256)10UL, PriceOracle.WeightedMedian([R("a", 20, 2), R("b", 10, 2)]));
        // 100(w100) 101(w1) 300(w1) 500(w1): the heavy report decides.
        Assert.Equal((UInt256)100UL, PriceOracle.WeightedMedian([R("a", 500, 1), R("b", 300, 1), R("c", 101, 1), R("d", 100, 100)]));
        // No weight: the lower median by count of 1, 2, 3, 4 is 2.
        Assert.Equal((UInt256)2UL, PriceOracle.WeightedMedian([R("a", 4, 0), R("b", 3, 0), R("c", 2, 0), R("d", 1, 0)]));
    }

    [Fact]
    public void The_tolerance_band_is_two_percent_either_side_inclusive()
    {
        var d = new PriceOracle();
        var t = new AvsTask(0, "eth-usd", 0, 0, 0, 0);
        Assert.True(d.Supports(t, 10_000, 10_200));
        Assert.True(d.Supports(t, 10_000, 9_800));
        Assert.False(d.Supports(t, 10_000, 10_201));
        Assert.True(d.IsFault(t, 10_000, 9_799));
    }

    [Fact]
    public void Reports_outside_the_band_are_slashed_and_reports_inside_it_survive_their_challenge()
    {
        var w = World();
        // op2 is 1 % high (inside the band), op3 10 % high (outside), op4 silent.
        w.Behaviour["op2"] = t => PriceOracle.MarketPrice(t.Input) * (UInt256)101UL / (UInt256)100UL;
        w.Behaviour["op3"] = t => PriceOracle.MarketPrice(t.Input) * (UInt256)110UL / (UInt256)100UL;
        w.Behaviour["op4"] = _ => null;
        var task = w.NewTask(42);
        var agg = w.Aggregate(task);
        Assert.True(agg.QuorumReached, agg.Detail);
        Assert.Equal(3, agg.Response!.Groups.Count);
        var record = w.Respond(agg.Response).Value!;
        // Weights 100 (op1, honest), 100 (op2, +1 %), 30 (op3): half of 230 is reached at op2's report.
        Assert.Equal(PriceOracle.MarketPrice(42) * (UInt256)101UL / (UInt256)100UL, record.Accepted);
        Assert.Equal(["op3"], Challenger.Faults(w.Definition, record));
        var before = w.StateText();
        Assert.Equal("ResponseNotFaulty", w.Challenge(task.Id, "op1").Error?.Name);
        Assert.Equal("ResponseNotFaulty", w.Challenge(task.Id, "op2").Error?.Name);
        Assert.Equal(before, w.StateText());
        Assert.True(w.Challenge(task.Id, "op3").Ok);
        // 5 % of the allocation: magnitude 0.5 → 0.475, max 1 → 0.975, shares 60 → 58.5; mulWad(58.5e18, divWad(0.475e18, 0.975e18))
        // = 58.5e18 · 487179487179487179 / 1e18 = 28.499999999999999971 (by hand, rounding down).
        Assert.Equal(UInt256.Parse("28499999999999999971"), w.Slashable("op3"));
        Assert.Equal(20 * UInt256.Pow10(18), w.Slashable("op4"));
    }

    [Fact]
    public void A_zero_price_is_malformed()
    {
        var w = World();
        w.Behaviour["op1"] = _ => UInt256.Zero;
        var task = w.NewTask(1);
        var agg = w.Aggregate(task);
        Assert.Contains(agg.Rejected, r => r.StartsWith("op1:", StringComparison.Ordinal));
        var forged = agg.Response! with { Groups = [.. agg.Response.Groups, agg.Response.Groups[0] with { Value = UInt256.Zero, NonSigners = [] }] };
        var before = w.StateText();
        Assert.Equal("MalformedResponse", w.Respond(forged).Error?.Name);
        Assert.Equal(before, w.StateText());
    }
}
