using Restake.Markets.Morpho;
using Restake.Primitives;
using static Restake.Markets.Tests.Units;

namespace Restake.Markets.Tests;

/// <summary>A hand-worked ezETH/WETH market at 94.5 % LLTV, as the high-LLTV Morpho markets of the 2024 depeg were.</summary>
public class MorphoTests
{
    private static readonly UInt256 Lltv = 945_000_000_000_000_000UL;
    private static UInt256 Price(ulong milli) => (UInt256)milli * UInt256.Pow10(33);

    private static MorphoMarket Market()
    {
        var m = new MorphoMarket("WETH", "ezETH", Lltv, Price(1000), new FixedRate(UInt256.Zero));
        m.Supply("lender", Eth(1000), 0);
        m.SupplyCollateral("looper", Eth(100));
        m.Borrow("looper", Eth(94), 0);
        return m;
    }

    /// <summary>1/(1 − 0.3·(1 − 0.945)) = 1/0.9835 = 1.01677681748856126080…, floored to the wad; the cap 1.15 binds below LLTV 50 %.</summary>
    [Fact]
    public void the_liquidation_incentive_factor()
    {
        Assert.Equal(1_016_776_817_488_561_260UL, (ulong)MorphoMath.LiquidationIncentiveFactor(Lltv));
        Assert.Equal(1_150_000_000_000_000_000UL, (ulong)MorphoMath.LiquidationIncentiveFactor(300_000_000_000_000_000UL));
    }

    /// <summary>Shares carry 1e6 virtual shares per virtual wei: the first 1,000 WETH mint 1000e18·1e6 shares.</summary>
    [Fact]
    public void shares_are_priced_with_virtual_shares_and_assets()
    {
        var m = Market();
        Assert.Equal(U("1000000000000000000000000000"), m.Position("lender").SupplyShares);
        Assert.Equal(U("94000000000000000000000000"), m.Position("looper").BorrowShares);
        Assert.Equal(Eth(94), m.DebtOf("looper"));
    }

    /// <summary>
    /// Healthy while ⌊⌊100·price⌋·0.945⌋ ≥ 94: at price 1 the limit is 94.5. Borrowing one more WETH is refused
    /// (InsufficientCollateral) and changes nothing; at 0.98 the limit is 92.61 &lt; 94 and the position can be liquidated.
    /// </summary>
    [Fact]
    public void health_is_collateral_at_lltv_against_debt_rounded_up()
    {
        var m = Market();
        Assert.True(m.IsHealthy("looper"));
        Assert.Equal("InsufficientCollateral", Refusal(() => m.Borrow("looper", Eth(1), 0)));
        Assert.Equal(Eth(94), m.DebtOf("looper"));
        Assert.Equal("HealthyPosition", Refusal(() => m.Liquidate("looper", Eth(10), 0)));
        m.SetPrice(Price(980));
        Assert.False(m.IsHealthy("looper"));
    }

    /// <summary>
    /// At 0.98, seizing 50 ezETH repays ⌈⌈50·0.98⌉/1.016776817488561260⌉ = 48.191500000000000039 WETH (48.1915 plus rounding up),
    /// i.e. ⌊that·(94e24 + 1e6)/(94e18 + 1)⌋ = 48,191,500,000,000,000,039,000,000 shares. Left: 50 ezETH against
    /// 45.808499999999999961 WETH; the lenders lose nothing.
    /// </summary>
    [Fact]
    public void a_liquidation_repays_the_seized_value_over_the_incentive_factor()
    {
        var m = Market();
        m.SetPrice(Price(980));
        var l = m.Liquidate("looper", Eth(50), 0);
        Assert.Equal(U("48191500000000000039"), l.RepaidAssets);
        Assert.Equal(U("48191500000000000039000000"), l.RepaidShares);
        Assert.Equal(UInt256.Zero, l.BadDebtAssets);
        Assert.Equal(Eth(50), m.Position("looper").Collateral);
        Assert.Equal(U("45808499999999999961"), m.DebtOf("looper"));
        Assert.Equal(Eth(1000), m.TotalSupplyAssets);
    }

    /// <summary>
    /// At 0.5 all 100 ezETH repay only 49.175000000000000039 WETH; the 44.824999999999999961 left is bad debt, taken from the
    /// lenders at once: total supply 955.175000000000000039, and the lender can withdraw no more than that.
    /// </summary>
    [Fact]
    public void bad_debt_is_realized_when_the_collateral_is_gone()
    {
        var m = Market();
        m.SetPrice(Price(500));
        var l = m.Liquidate("looper", Eth(100), 0);
        Assert.Equal(U("49175000000000000039"), l.RepaidAssets);
        Assert.Equal(U("44824999999999999961"), l.BadDebtAssets);
        Assert.Equal(U("955175000000000000039"), m.TotalSupplyAssets);
        Assert.Equal(UInt256.Zero, m.DebtOf("looper"));
        Assert.Equal(U("44824999999999999961"), m.BadDebt);
        Assert.True(m.SupplyOf("lender") <= m.TotalSupplyAssets);
    }

    /// <summary>
    /// 10 % a year for a year by wTaylorCompounded: rate per second ⌊0.1e18/31,536,000⌋ = 3,170,979,198; x·n = 0.099999999988…,
    /// plus (x·n)²/2 and (x·n)³/6 = 0.105166666653548106 (e^0.1 − 1 = 0.10517…).
    /// </summary>
    [Fact]
    public void interest_compounds_by_the_taylor_expansion_and_reaches_lenders()
    {
        var rate = 100_000_000_000_000_000UL / (365UL * 86_400UL);
        Assert.Equal(105_166_666_653_548_106UL, (ulong)MorphoMath.TaylorCompounded(rate, 365 * 86_400));
        var m = new MorphoMarket("WETH", "ezETH", Lltv, Price(1000), new FixedRate(100_000_000_000_000_000UL));
        m.Supply("lender", Eth(1000), 0);
        m.SupplyCollateral("looper", Eth(100));
        m.Borrow("looper", Eth(50), 0);
        m.AccrueInterest(365 * 86_400);
        Assert.Equal(Eth(50) + Wad.MulDown(Eth(50), 105_166_666_653_548_106UL), m.TotalBorrowAssets);
        Assert.True(m.SupplyOf("lender") > Eth(1005));
    }

    [Fact]
    public void lenders_cannot_withdraw_what_is_lent()
    {
        var m = Market();
        Assert.Equal("InsufficientLiquidity", Refusal(() => m.Withdraw("lender", Eth(907), 0)));
        m.Withdraw("lender", Eth(906), 0);
        Assert.Equal(Eth(94), m.TotalSupplyAssets);
    }
}
