using Restake.Lrt.Report;
using Restake.Primitives;

namespace Restake.Lrt.Tests.Report;

/// <summary>HHI, Nakamoto coefficient and top share on values small enough to work by hand.</summary>
public class ConcentrationTests
{
    private static Concentration Of(params ulong[] values) =>
        Concentration.Of(values.Select((v, i) => ($"op{i}", (UInt256)v)));

    [Fact]
    public void one_operator_is_a_monopoly()
    {
        var c = Of(7);
        Assert.Equal(10_000, c.Hhi);
        Assert.Equal(1, c.Nakamoto);
        Assert.Equal(10_000, c.TopShare.Bps);
    }

    [Fact]
    public void four_equal_operators()
    {
        // Shares 25 % each: HHI = 4·25² = 2,500. A third is 33.3 %: one holds 25 %, two hold 50 % > 1/3, so Nakamoto = 2.
        var c = Of(5, 5, 5, 5);
        Assert.Equal(2_500, c.Hhi);
        Assert.Equal(2, c.Nakamoto);
        Assert.Equal(2_500, c.TopShare.Bps);
    }

    [Fact]
    public void uneven_operators_sorted_largest_first()
    {
        // Values 50, 30, 20 of 100: HHI = 50² + 30² + 20² = 2,500 + 900 + 400 = 3,800; 50 % > 1/3 alone: Nakamoto = 1.
        var c = Of(20, 50, 30);
        Assert.Equal(3_800, c.Hhi);
        Assert.Equal(1, c.Nakamoto);
        Assert.Equal("op1", c.TopOperator);
        Assert.Equal(["op1", "op2", "op0"], c.Operators.Select(o => o.Operator));
        Assert.Equal(3_000, c.Operators[1].Share.Bps);
    }

    [Fact]
    public void exactly_a_third_is_not_more_than_a_third()
    {
        // 1, 1, 1: one operator holds exactly 1/3, which is not more than 1/3, so it takes two. HHI = 3·(1/3)² = 3,333.33 → 3,333.
        var c = Of(1, 1, 1);
        Assert.Equal(2, c.Nakamoto);
        Assert.Equal(3_333, c.Hhi);
        // 10 operators of 1: four hold 40 % > 33.3 % (three hold 30 %): Nakamoto = 4; HHI = 10·10² = 1,000.
        var ten = Of([.. Enumerable.Repeat(1UL, 10)]);
        Assert.Equal(4, ten.Nakamoto);
        Assert.Equal(1_000, ten.Hhi);
    }

    [Fact]
    public void wei_sized_values_stay_exact()
    {
        // 2/3 and 1/3 of 3·10^30 wei: HHI = (4/9 + 1/9)·10,000 = 5,555.5 → 5,555.
        var big = UInt256.Pow10(30);
        var c = Concentration.Of([("a", big * 2UL), ("b", big)]);
        Assert.Equal(5_555, c.Hhi);
        Assert.Equal(1, c.Nakamoto);
        Assert.Equal(6_666, c.TopShare.Bps);
    }

    [Fact]
    public void an_empty_pool_has_no_concentration()
    {
        var c = Of(0, 0);
        Assert.Equal(0, c.Hhi);
        Assert.Equal(0, c.Nakamoto);
        Assert.False(c.TopShare.IsDefined);
    }
}
