using Restake.Markets.Aave;
using Restake.Primitives;
using static Restake.Markets.Tests.Units;

namespace Restake.Markets.Tests;

public class AaveMathTests
{
    [Fact]
    public void ray_and_percentage_math_round_half_up()
    {
        Assert.Equal((UInt256)1UL, AaveMath.RayMul(AaveMath.HalfRay, 2UL)); // ½ ray × 2 wei = 1 wei exactly
        Assert.Equal((UInt256)1UL, AaveMath.RayMul(AaveMath.HalfRay, 1UL)); // ½ wei rounds up
        Assert.Equal((UInt256)0UL, AaveMath.RayMul(AaveMath.HalfRay - UInt256.One, 1UL)); // just under ½ rounds down
        Assert.Equal((UInt256)2UL, AaveMath.PercentMul(3UL, 5_000)); // 1.5 → 2
        Assert.Equal((UInt256)1UL, AaveMath.PercentMul(3UL, 4_999)); // 1.4997 → 1
        Assert.Equal(U("103448275862068965517"), AaveMath.PercentDiv(Eth(75), 7_250)); // 75/0.725 = 103.4482758620689655172…
    }

    /// <summary>
    /// 10 % a year compounded for one year by MathUtils.calculateCompoundedInterest, by hand: r = 1e26 (ray), n = 31,536,000 s.
    /// basePowerTwo = ⌊rayMul(r, r)/n²⌋ = ⌊1e25/994,519,296,000,000⌋ = 10,055,110,425;
    /// basePowerThree = ⌊rayMul(10,055,110,425, r)/n⌋ = ⌊1,005,511,043 (half up)/31,536,000⌋ = 31 (the truncation upstream accepts);
    /// second = ⌊n(n−1)·basePowerTwo/2⌋, third = ⌊n(n−1)(n−2)·31/6⌋; 1 + r + second + third = 1.105162042821782412575504 ray
    /// (e^0.1 = 1.1051709…: the three-term expansion with the floored third term is 4.6e-6 short).
    /// </summary>
    [Fact]
    public void compounded_interest_for_a_year_at_ten_percent()
    {
        Assert.Equal(U("1105162042821782412575504000"), AaveMath.CompoundedInterest(AaveMath.Ray / 10UL, AaveMath.SecondsPerYear));
        Assert.Equal(AaveMath.Ray, AaveMath.CompoundedInterest(AaveMath.Ray / 10UL, 0));
        Assert.Equal(U("1100000000000000000000000000"), AaveMath.LinearInterest(AaveMath.Ray / 10UL, AaveMath.SecondsPerYear));
    }

    /// <summary>
    /// The WETH curve of the Aave governance post the reference cites (reference/risk-lrt.md §4: slope1 2.35 %, optimal
    /// usage 92 %): at 88.5 % usage the borrow rate is 2.35 %·88.5/92 = 2.2606… %, the post's "2.27 %" rounded.
    /// </summary>
    [Fact]
    public void the_two_slope_curve_below_and_above_the_kink()
    {
        var curve = new InterestRateCurve(U("920000000000000000000000000"), UInt256.Zero, U("23500000000000000000000000"), U("800000000000000000000000000"));
        var (borrow, liquidity) = curve.Rates(Eth(885), Eth(115), 1_500);
        Assert.Equal(U("22605978260869565217391304"), borrow); // ray: 0.0235 × 0.885/0.92
        // suppliers: borrow × usage × (1 − 15 %) = 0.0226059… × 0.885 × 0.85
        Assert.Equal(AaveMath.PercentMul(AaveMath.RayMul(borrow, U("885000000000000000000000000")), 8_500), liquidity);
        var (above, _) = curve.Rates(Eth(960), Eth(40), 1_500);
        // 96 % usage: 2.35 % + 80 % × (0.96 − 0.92)/(1 − 0.92) = 2.35 % + 40 % = 42.35 %
        Assert.Equal(U("423500000000000000000000000"), above);
    }
}

/// <summary>A hand-worked weETH-collateral, WETH-debt position, from borrowing through a price drop to liquidation and bad debt.</summary>
public class AaveMarketTests
{
    private static readonly InterestRateCurve Weth = new(U("920000000000000000000000000"), UInt256.Zero, U("23500000000000000000000000"), U("800000000000000000000000000"));

    private static AaveMarket Market()
    {
        var m = new AaveMarket();
        m.AddEModeCategory(new EModeCategory(1, "ETH correlated", 9_300, 9_500, 10_100));
        m.AddReserve(new ReserveConfig("WETH", 18, 8_000, 8_250, 10_500, 1_500, Weth, EModeCategory: 1), Wad.Unit);
        m.AddReserve(new ReserveConfig("weETH", 18, 7_250, 7_500, 10_700, 0, Weth, LiquidationProtocolFeeBps: 1_000, EModeCategory: 1, Borrowable: false), 1_050_000_000_000_000_000UL);
        m.Supply("lender", "WETH", Eth(1000));
        m.Supply("alice", "weETH", Eth(100));
        return m;
    }

    /// <summary>
    /// 100 weETH at 1.05 = 105 ETH of collateral, LTV 72.5 %: borrowing 75 WETH needs ⌈75/0.725⌋ = 103.448… ≤ 105, allowed;
    /// HF = 105·0.75/75 = 1.05. A further 2 WETH would need 106.2… > 105: CollateralCannotCoverNewBorrow, nothing changes.
    /// </summary>
    [Fact]
    public void borrowing_is_bounded_by_ltv_and_the_health_factor_is_collateral_at_threshold_over_debt()
    {
        var m = Market();
        m.Borrow("alice", "WETH", Eth(75));
        var d = m.Data("alice");
        Assert.Equal(Eth(105), d.CollateralBase);
        Assert.Equal(Eth(75), d.DebtBase);
        Assert.Equal(1_050_000_000_000_000_000UL, (ulong)d.HealthFactor);
        Assert.Equal("CollateralCannotCoverNewBorrow", Refusal(() => m.Borrow("alice", "WETH", Eth(2))));
        Assert.Equal(Eth(75), m.DebtBalance("alice", "WETH"));
        Assert.Equal(Eth(925), m.Reserves["WETH"].Cash);
        Assert.Equal("HealthFactorNotBelowThreshold", Refusal(() => m.Liquidate("alice", "weETH", "WETH", Eth(10))));
        Assert.Equal("BorrowingNotEnabled", Refusal(() => m.Borrow("lender", "weETH", Eth(1))));
    }

    /// <summary>
    /// weETH falls to 0.9: collateral 90, HF = 90·0.75/75 = 0.9 &lt; 0.95, so the close factor is 100 %.
    /// Covering 50 WETH: base collateral = ⌊1·50·1e18/(0.9·1e18)⌋ = 55.555555555555555555; with the 7 % bonus
    /// percentMul(…, 10,700) = 59.444444444444444444 weETH. Bonus part = 59.444… − percentDiv(59.444…, 10,700) = 3.888888888888888889,
    /// protocol fee 10 % of it = 0.388888888888888889, so the liquidator receives 59.055555555555555555 weETH.
    /// Left: 40.555555555555555556 weETH (= 36.5 ETH) against 25 WETH: HF = 36.5·0.75/25 = 1.095.
    /// </summary>
    [Fact]
    public void a_price_drop_makes_the_position_liquidatable_with_bonus_and_protocol_fee()
    {
        var m = Market();
        m.Borrow("alice", "WETH", Eth(75));
        m.SetPrice("weETH", 900_000_000_000_000_000UL);
        Assert.Equal(900_000_000_000_000_000UL, (ulong)m.Data("alice").HealthFactor);

        var l = m.Liquidate("alice", "weETH", "WETH", Eth(50));
        Assert.Equal(Eth(50), l.DebtRepaid);
        Assert.Equal(U("59055555555555555555"), l.CollateralSeized);
        Assert.Equal(U("388888888888888889"), l.ProtocolFee);
        Assert.Equal(UInt256.Zero, l.BadDebtBase);
        Assert.Equal(U("40555555555555555556"), m.SupplyBalance("alice", "weETH"));
        Assert.Equal(Eth(25), m.DebtBalance("alice", "WETH"));
        Assert.Equal(1_095_000_000_000_000_000UL, (ulong)m.Data("alice").HealthFactor);
    }

    /// <summary>
    /// Above HF 0.95 only half the debt can be closed: weETH at 0.98 gives HF = 98·0.75/75 = 0.98, and covering 75 repays 37.5.
    /// </summary>
    [Fact]
    public void the_close_factor_is_half_above_095()
    {
        var m = Market();
        m.Borrow("alice", "WETH", Eth(75));
        m.SetPrice("weETH", 980_000_000_000_000_000UL);
        var l = m.Liquidate("alice", "weETH", "WETH", Eth(75));
        Assert.Equal(U("37500000000000000000"), l.DebtRepaid);
    }

    /// <summary>
    /// weETH at 0.5: collateral 50 ETH against 75 debt. Covering all 75 would need 75·1.07/0.5 = 160.5 weETH; alice has 100,
    /// so all 100 go and the debt repaid is percentDiv(0.5·100, 10,700) = ⌊50/1.07⌉ = 46.728971962616822430. The 28.27… WETH
    /// left has no collateral behind it: written off as bad debt, and the lenders' reserve records it.
    /// </summary>
    [Fact]
    public void when_collateral_runs_out_the_rest_is_bad_debt()
    {
        var m = Market();
        m.Borrow("alice", "WETH", Eth(75));
        m.SetPrice("weETH", 500_000_000_000_000_000UL);
        var l = m.Liquidate("alice", "weETH", "WETH", Eth(75));
        Assert.Equal(U("46728971962616822430"), l.DebtRepaid);
        Assert.Equal(UInt256.Zero, m.SupplyBalance("alice", "weETH"));
        Assert.Equal(Eth(75) - U("46728971962616822430"), l.BadDebtBase);
        Assert.Equal(l.BadDebtBase, m.Reserves["WETH"].BadDebt);
        Assert.Equal(UInt256.Zero, m.DebtBalance("alice", "WETH"));
    }

    /// <summary>In e-mode the ETH-correlated pair borrows at 93 % LTV: 97 WETH against 105 ETH of weETH is allowed (needs 104.3).</summary>
    [Fact]
    public void e_mode_raises_ltv_and_threshold_for_correlated_assets()
    {
        var m = Market();
        Assert.Equal("CollateralCannotCoverNewBorrow", Refusal(() => m.Borrow("alice", "WETH", Eth(97))));
        m.SetUserEMode("alice", 1);
        m.Borrow("alice", "WETH", Eth(97));
        // HF = 105·0.95/97 = 1.028350515463917525… (wadDiv rounds half up)
        Assert.Equal(1_028_350_515_463_917_526UL, (ulong)m.Data("alice").HealthFactor);
        Assert.Equal("HealthFactorLowerThanLiquidationThreshold", Refusal(() => m.SetUserEMode("alice", 0)));
    }

    /// <summary>
    /// A year at a fixed usage: the debt grows by the compounded index, lenders by the linear one, and what lenders gain plus
    /// the treasury's share never exceeds what borrowers owe more (interest is not created from nothing).
    /// </summary>
    [Fact]
    public void interest_accrues_to_lenders_and_treasury_from_borrowers()
    {
        var m = Market();
        m.Borrow("alice", "WETH", Eth(75));
        var debtBefore = m.DebtBalance("alice", "WETH");
        var supplyBefore = m.SupplyBalance("lender", "WETH");
        m.AdvanceTo((long)AaveMath.SecondsPerYear);
        var debtGrowth = m.DebtBalance("alice", "WETH") - debtBefore;
        var lenderGrowth = m.SupplyBalance("lender", "WETH") - supplyBefore;
        Assert.True(debtGrowth > UInt256.Zero);
        Assert.True(lenderGrowth > UInt256.Zero);
        m.Repay("alice", "WETH", Eth(1)); // touches the reserve: the treasury's share is booked
        var treasury = AaveMath.RayMul(m.Reserves["WETH"].AccruedToTreasury, m.Reserves["WETH"].LiquidityIndex);
        Assert.True(lenderGrowth + treasury <= debtGrowth + (UInt256)2UL, $"lenders {lenderGrowth} + treasury {treasury} vs borrowers {debtGrowth}");
    }

    [Fact]
    public void a_withdrawal_that_would_leave_the_borrower_liquidatable_is_refused_and_changes_nothing()
    {
        var m = Market();
        m.Borrow("alice", "WETH", Eth(75));
        Assert.Equal("HealthFactorLowerThanLiquidationThreshold", Refusal(() => m.Withdraw("alice", "weETH", Eth(10))));
        Assert.Equal(Eth(100), m.SupplyBalance("alice", "weETH"));
        Assert.Equal(Eth(100), m.Reserves["weETH"].Cash);
    }
}
