using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Protocol.Tests;

/// <summary>Known-answer vectors of reference/eigenlayer-core.md §7, from upstream's unit tests.</summary>
public class VectorTests
{
    private static UInt256 U(string s) => UInt256.Parse(s.Replace("_", "", StringComparison.Ordinal));

    /// <summary>V1, DelegationUnit.t.sol test_increaseDelegatedShares_depositRepeatedly: small deposits drift.</summary>
    [Fact]
    public void v1_repeated_small_deposits_open_the_expected_gap()
    {
        var m = U("999_999_999_999_990_009");
        var s = U("44_182_209_037_560_531_097_078_597_505");
        var k = SlashingMath.UpdatedScalingFactor(Wad.Unit, UInt256.Zero, s, m); // delegation: k = WAD / m
        Assert.Equal(Wad.DivDown(Wad.Unit, m), k);
        var op = s;
        for (var i = 0; i < 1000; i++)
        {
            k = SlashingMath.UpdatedScalingFactor(k, s, 1000UL, m);
            op += 1000UL;
            s += 1000UL;
        }
        Assert.Equal(U("44_182_209_037_566"), op - SlashingMath.CalcWithdrawable(k, s, m));
    }

    /// <summary>V2, test_slashOperatorShares_slashedRepeatedly: every slash of 100 magnitude takes the same shares.</summary>
    [Fact]
    public void v2_repeated_slashing_takes_a_constant_amount()
    {
        ulong m = 90_009;
        var shares = U("40_000_000_004_182_209_037_560_531_097_078_597_505");
        var k = SlashingMath.UpdatedScalingFactor(Wad.Unit, UInt256.Zero, shares, m);
        var op = shares;
        for (var i = 0; i < 100; i++)
        {
            var slashed = SlashingMath.CalcSlashedAmount(op, m, m - 100);
            Assert.Equal(U("44_440_000_449_046_438_731_194_137_360_795_695"), slashed);
            op -= slashed;
            m -= 100;
        }
        Assert.Equal(80_009UL, m);
        Assert.Equal(U("35_555_999_959_277_565_164_441_117_360_999_028_005"), op);
        var withdrawable = SlashingMath.CalcWithdrawable(k, shares, m);
        Assert.Equal(U("35_555_999_959_277_565_164_441_117_360_998_672_401"), withdrawable);
        Assert.True(withdrawable <= op);
    }

    /// <summary>V3 test_repeatUntilFullSlash: the round-up drives magnitude to exactly 0.</summary>
    [Fact]
    public void v3_repeated_slashes_end_at_exactly_zero_magnitude()
    {
        var engine = Builder.SlashableOperator(allocation: Wad.Unit);
        Builder.Slash(engine, U("990000000000000000"));
        Assert.Equal(10_000_000_000_000_000UL, engine.State.Operators["op"].Strategies[0].MaxMagnitude);
        Builder.Slash(engine, U("999900000000000000"));
        Assert.Equal(1_000_000_000_000UL, engine.State.Operators["op"].Strategies[0].MaxMagnitude);
        Builder.Slash(engine, Wad.Unit - 1000UL);
        Assert.Equal(0UL, engine.State.Operators["op"].Strategies[0].MaxMagnitude);
    }

    /// <summary>V7, StrategyBaseAccounting: after a 1e6 donation a 1000-unit deposit mints nothing and must revert.</summary>
    [Fact]
    public void v7_deposit_that_would_mint_zero_shares_reverts()
    {
        var engine = new Engine();
        Builder.Must(engine, new AddToken("T", 18), new AddStrategy("T"),
            new Deposit("alice", "T", 1UL, MintShortfall: true), new Donate("T", 1_000_000UL));
        var outcome = engine.Execute(new Deposit("bob", "T", 1000UL, MintShortfall: true));
        Assert.Equal("NewSharesZero", outcome.Error?.Name);
        Builder.Must(engine, new Deposit("bob", "T", 1001UL, MintShortfall: true));
        Assert.Equal((UInt256)1UL, engine.State.Stakers["bob"].DepositSharesOf(engine.State.Strategies["T"]));
        Assert.Equal((UInt256)1000UL, engine.State.Strategies["T"].SharesToUnderlying(1UL));
    }
}
