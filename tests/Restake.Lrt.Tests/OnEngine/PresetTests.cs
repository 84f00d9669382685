using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>Each preset on the engine, worked by hand: deposit, rewards (a donation to the strategy), a slash, a queued withdrawal paying the lower value, a refused update.</summary>
public class PresetTests
{
    /// <summary>StrategyBase's shares-to-tokens view with its 1e3 virtual shares and balance.</summary>
    private static UInt256 Underlying(UInt256 balance, UInt256 shares, UInt256 totalShares) => UInt256.MulDiv(balance + 1000UL, shares, totalShares + 1000UL);

    [Fact]
    public void ezETH_tracks_live_tvl_and_refuses_a_stale_price()
    {
        var net = new Net("op");
        net.Do(Net.Create("ezETH", LrtPreset.Renzo, "stETH"), new LrtDeposit("ezETH", "dave", "stETH", Eth(100), MintShortfall: true));
        var v = net.Vault("ezETH");
        var s = net.Engine.State;
        Assert.Equal(Eth(100), v.Token.BalanceOf("dave"));
        Assert.Equal(Eth(100), v.Nav(s));

        net.Must(new Donate("stETH", Eth(10)));
        var nav = Underlying(Eth(110), Eth(100), Eth(100));
        Assert.Equal(nav, v.Nav(s));
        Assert.Equal(UInt256.MulDiv(nav, E, Eth(100)), v.Rate(s));

        net.Slash("op", 1);
        var slashed = Underlying(Eth(110), Eth(90), Eth(100)); // slashed shares stay in totalShares until burned
        Assert.Equal(slashed, v.Nav(s));
        Assert.Equal(UInt256.MulDiv(slashed, E, Eth(100)), v.Rate(s));

        net.Do(new LrtRequestWithdrawal("ezETH", "dave", Eth(50), "w"));
        var atRequest = v.Withdrawals["w"].ValueAtRequest;
        Assert.Equal(UInt256.MulDiv(Eth(50), slashed, Eth(100)), atRequest);
        net.Slash("op", 1); // queued engine withdrawals stay slashable
        net.Must(new Roll(51)); // the engine would allow it; Renzo's cooldown is 7 days
        net.Refused("EarlyClaim", new LrtClaimWithdrawal("w"));
        net.Must(new Roll(LrtRules.DefaultRenzoCooldownSeconds / 12 - 51));
        var now = v.ValueOf(s, Eth(50));
        Assert.True(now < atRequest);
        net.Do(new LrtClaimWithdrawal("w"));
        Assert.Equal(now, s.BalanceOf("dave", "stETH"));

        net.Must(new Roll(86_460 / 12 + 1));
        net.Refused("OraclePriceExpired", new LrtDeposit("ezETH", "erin", "stETH", Eth(1), MintShortfall: true));
        net.Do(new LrtOracleReport("ezETH", new Dictionary<string, UInt256> { ["stETH"] = E }), new LrtDeposit("ezETH", "erin", "stETH", Eth(1), MintShortfall: true));
    }

    [Fact]
    public void eETH_follows_bounded_reports_and_pays_the_lower_value()
    {
        var net = new Net("op");
        net.Do(Net.Create("eETH", LrtPreset.EtherFi, "WETH"), new LrtDeposit("eETH", "alice", "WETH", Eth(100), MintShortfall: true));
        var v = net.Vault("eETH");
        var s = net.Engine.State;
        net.Must(new Donate("WETH", Eth(1)));
        Assert.Equal(E, v.Rate(s)); // rewards reach the rate only through a report
        net.Refused("RebaseExceedsPositiveCap", new LrtOracleReport("eETH", Value: Eth(101)));
        net.Do(new LrtOracleReport("eETH"));
        Assert.Equal(Eth(100, 25, 100), v.ReportedValue); // +25 bps, the positive cap
        Assert.Equal(Eth(1, 25, 10_000), v.Rate(s));

        net.Slash("op", 1);
        Assert.Equal(Eth(1, 25, 10_000), v.Rate(s)); // the slash is invisible until reported
        net.Refused("ReportValidationFailed", new LrtOracleReport("eETH", Value: Eth(95)));
        net.Do(new LrtOracleReport("eETH"));
        var r1 = Eth(100, 25, 100) - Bps.Down(Eth(100, 25, 100), 3);
        Assert.Equal(r1, v.ReportedValue);

        net.Do(new LrtRequestWithdrawal("eETH", "alice", Eth(50), "a"));
        Assert.Equal(UInt256.MulDiv(Eth(50), r1, Eth(100)), v.Withdrawals["a"].ValueAtRequest);
        net.Do(new LrtOracleReport("eETH"));
        var r2 = r1 - Bps.Down(r1, 3);
        net.Refused("RequestNotFinalized", new LrtClaimWithdrawal("a"));
        net.Must(new Roll(51));
        net.Do(new LrtClaimWithdrawal("a"));
        Assert.Equal(UInt256.MulDiv(Eth(50), r2, Eth(100)), s.BalanceOf("alice", "WETH"));
        Assert.Equal(Eth(50), v.Token.TotalSupply);
    }

    [Fact]
    public void rsETH_charges_its_fee_bands_its_price_and_pauses_on_a_drop()
    {
        var net = new Net("op");
        net.Do(Net.Create("rsETH", LrtPreset.Kelp, "stETH"), new LrtDeposit("rsETH", "carol", "stETH", Eth(100), MintShortfall: true));
        var v = net.Vault("rsETH");
        var s = net.Engine.State;
        net.Must(new Donate("stETH", Eth(0, 1, 2)));
        var nav = Underlying(Eth(100, 1, 2), Eth(100), Eth(100));
        var fee = Bps.Down(nav - Eth(100), 1_000);
        var price = UInt256.MulDiv(nav - fee, E, Eth(100));
        net.Do(new LrtOracleReport("rsETH"));
        Assert.Equal(price, v.Rate(s));
        Assert.Equal(UInt256.MulDiv(fee, E, price), v.Token.BalanceOf(LrtVault.KelpTreasury));

        net.Must(new Donate("stETH", Eth(5)));
        net.Refused("PriceAboveDailyThreshold", new LrtOracleReport("rsETH"));

        net.Slash("op", 2);
        net.Do(new LrtOracleReport("rsETH"));
        Assert.True(v.Paused);
        Assert.Equal(price, v.Rate(s));
        net.Refused("EnforcedPause", new LrtDeposit("rsETH", "erin", "stETH", Eth(1), MintShortfall: true));
        net.Do(new LrtOracleReport("rsETH", AsManager: true));
        Assert.False(v.Paused);
        Assert.True(v.Rate(s) < price);

        var before = v.Rate(s);
        net.Do(new LrtRequestWithdrawal("rsETH", "carol", Eth(10), "c"));
        Assert.Equal(Wad.MulDown(Eth(10), before), v.Withdrawals["c"].ValueAtRequest);
        net.Refused("WithdrawalLocked", new LrtClaimWithdrawal("c"));
        net.Must(new Roll(51)); // the engine would allow it; Kelp waits 8 days of blocks
        net.Refused("WithdrawalLocked", new LrtClaimWithdrawal("c"));
        net.Must(new Roll(LrtRules.DefaultKelpDelayBlocks - 51));
        net.Do(new LrtClaimWithdrawal("c"));
        Assert.Equal(Wad.MulDown(Eth(10), before), s.BalanceOf("carol", "stETH"));
    }

    [Fact]
    public void pufETH_burns_the_operator_bond_before_depositors_lose()
    {
        var net = new Net("op");
        net.Do(Net.Create("pufETH", LrtPreset.Puffer, "WETH", Eth(2)), new LrtDeposit("pufETH", "bob", "WETH", Eth(100), MintShortfall: true));
        var v = net.Vault("pufETH");
        var s = net.Engine.State;
        Assert.Equal(Eth(2), v.Token.BalanceOf(LrtVault.BondHolder("op")));
        Assert.Equal(Eth(100), v.Token.BalanceOf("bob"));

        net.Slash("op", 1); // 10.2 ETH lost; the 2 ETH bond covers what it can
        Assert.Equal(Eth(91, 8, 10), v.Nav(s));
        Assert.Equal(UInt256.MulDiv(E, Eth(91, 8, 10) + 1UL, Eth(102) + 1UL), v.Rate(s));
        net.Do(new LrtOracleReport("pufETH"));
        Assert.Equal(UInt256.Zero, v.Token.BalanceOf(LrtVault.BondHolder("op")));
        Assert.Equal(UInt256.MulDiv(E, Eth(91, 8, 10) + 1UL, Eth(100) + 1UL), v.Rate(s));

        net.Refused("WithdrawalAmountTooLow", new LrtRequestWithdrawal("pufETH", "bob", Eth(0, 1, 1000), "b0"));
        net.Do(new LrtRequestWithdrawal("pufETH", "bob", Eth(10), "b"));
        var atRequest = v.Withdrawals["b"].ValueAtRequest;
        net.Must(new Roll(51));
        net.Claim("b");
        Assert.Equal(atRequest, s.BalanceOf("bob", "WETH"));
        net.Refused("WithdrawalAlreadyCompleted", new LrtClaimWithdrawal("b"));
    }
}
