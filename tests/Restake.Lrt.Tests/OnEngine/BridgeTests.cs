using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>ezETH minted on an L2 at a pushed L1 price, and the sweep that backs it on L1.</summary>
public class BridgeTests
{
    private static string L2(LrtVault v) => $"{v.L2Token?.Describe()}|{v.L2LastPrice}|{v.L2PriceTime}|{v.L2PendingTokens}|{v.L2FeeTokens}";

    /// <summary>Refused with <paramref name="error"/>, the engine, the LRTs and the L2 side all unchanged.</summary>
    private static void Refused(Net net, string error, LrtAction action)
    {
        var before = L2(net.Vault("ezETH"));
        net.Refused(error, action);
        Assert.Equal(before, L2(net.Vault("ezETH")));
    }

    /// <summary>ezETH over WETH (the L2 deposit token) and stETH; 10 stETH deposited on L1, stETH then priced 1.005: rate 1.005.</summary>
    private static Net Setup()
    {
        var net = new Net("op");
        net.Do(new LrtCreate("ezETH", LrtPreset.Renzo, ["op"], [new LrtAssetConfig("WETH", Wad.Unit), new LrtAssetConfig("stETH", Wad.Unit)], DelegationPolicy.Equal, UInt256.Zero),
            Net.Create("eETH", LrtPreset.EtherFi, "WETH"),
            new LrtDeposit("ezETH", "a", "stETH", Eth(10), MintShortfall: true),
            new LrtOracleReport("ezETH", new Dictionary<string, UInt256> { ["stETH"] = Eth(1, 5, 1000) }));
        Assert.Equal(Eth(1, 5, 1000), net.Vault("ezETH").Rate(net.Engine.State));
        return net;
    }

    [Fact]
    public void price_pushes_are_bounded_as_the_l2_receiver_bounds_them()
    {
        var net = Setup();
        var now = net.Engine.State.Time;
        Refused(net, "L2MintUnsupported", new LrtPricePush("eETH", E));
        Refused(net, "OraclePriceExpired", new LrtBridgeMint("ezETH", "b", "WETH", Eth(1), MintShortfall: true));
        Refused(net, "InvalidZeroInput", new LrtPricePush("ezETH", UInt256.Zero));
        Refused(net, "InvalidOraclePrice", new LrtPricePush("ezETH", W("999999999999999999")));
        Refused(net, "InvalidTimestamp", new LrtPricePush("ezETH", E, now + 1));
        net.Do(new LrtPricePush("ezETH", E, now - 60));
        // band ⌊1e18/100⌋ = 1e16: 1.01 passes, one wei more does not
        Refused(net, "InvalidOraclePrice", new LrtPricePush("ezETH", W("1010000000000000001")));
        Refused(net, "InvalidTimestamp", new LrtPricePush("ezETH", Eth(1, 5, 1000), now - 60));
        net.Do(new LrtPricePush("ezETH", Eth(1, 5, 1000)));
        Refused(net, "InvalidTimestamp", new LrtPricePush("ezETH", Eth(1, 5, 1000)));
        Assert.Equal((Eth(1, 5, 1000), now), (net.Vault("ezETH").L2LastPrice, net.Vault("ezETH").L2PriceTime));
    }

    [Fact]
    public void an_l2_mint_takes_the_bridge_fee_and_the_sweep_backs_it_and_pays_the_sweeper()
    {
        var net = Setup();
        var v = net.Vault("ezETH");
        var s = net.Engine.State;
        net.Do(new LrtPricePush("ezETH", Eth(1, 5, 1000)));
        var nav = v.Nav(s);
        Refused(net, "UnsupportedAsset", new LrtBridgeMint("ezETH", "b", "stETH", Eth(1), MintShortfall: true));
        Refused(net, "InvalidZeroInput", new LrtBridgeMint("ezETH", "b", "WETH", UInt256.Zero, MintShortfall: true));
        Refused(net, "L2MintUnsupported", new LrtBridgeMint("eETH", "b", "WETH", Eth(1), MintShortfall: true));
        Refused(net, "InvalidZeroInput", new LrtBridgeSweep("ezETH"));

        // fee = ⌊2e18·5/1e4⌋ = 1e15; xezETH = ⌊1.999e18·1e18/1.005e18⌋
        net.Do(new LrtBridgeMint("ezETH", "b", "WETH", Eth(2), MintShortfall: true));
        Assert.Equal(W("1989054726368159203"), v.L2Token!.BalanceOf("b"));
        Assert.Equal(Eth(1, 999, 1000), v.L2PendingValue);
        Assert.Equal(Eth(0, 1, 1000), v.L2FeeTokens);
        Assert.Equal(Eth(2), s.BalanceOf(v.L2DepositHolder, "WETH"));
        Assert.Equal(nav, v.Nav(s)); // not on L1 yet: the L1 rate does not move
        Assert.Equal(Eth(10), v.Token.TotalSupply);

        // Sweep: 1.999 WETH deposited on L1, ezETH minted as RenzoPool computes it: infl = ⌊1e18·1.999/12.049⌋, supply 10 → 1.989054726368159194
        net.Do(new LrtBridgeSweep("ezETH"));
        Assert.Equal(W("1989054726368159194"), v.Token.BalanceOf(v.L2Lockbox));
        Assert.Equal(Eth(0, 1, 1000), s.BalanceOf(LrtVault.RenzoSweeper, "WETH"));
        Assert.Equal(UInt256.Zero, s.BalanceOf(v.L2DepositHolder, "WETH"));
        Assert.Equal(UInt256.Zero, v.L2PendingValue);
        Assert.Equal(nav + Eth(1, 999, 1000), v.Nav(s));
        // The lockbox backs the xezETH up to the mint's rounding (9 wei here), and the fee never reached L1.
        Assert.Equal(W("9"), v.L2Token.TotalSupply - v.Token.BalanceOf(v.L2Lockbox));
    }

    [Fact]
    public void a_deposit_above_one_sweep_batch_pays_the_fee_on_32_eth_and_a_day_old_price_refuses()
    {
        var net = Setup();
        var v = net.Vault("ezETH");
        net.Do(new LrtPricePush("ezETH", E));
        net.Do(new LrtBridgeMint("ezETH", "b", "WETH", Eth(40), MintShortfall: true));
        // fee = ⌊32e18·5/1e4⌋ = 0.016 ETH; xezETH = 39.984 at price 1
        Assert.Equal(Eth(0, 16, 1000), v.L2FeeTokens);
        Assert.Equal(Eth(39, 984, 1000), v.L2Token!.BalanceOf("b"));
        net.Must(new Roll(7_206)); // 86,472 s: past the L2 day and L1's 86,460 s
        Refused(net, "OraclePriceExpired", new LrtBridgeMint("ezETH", "b", "WETH", Eth(1), MintShortfall: true));
        // The sweep is an L1 deposit: a day-old WETH price refuses it too, until a report refreshes the price.
        Refused(net, "OraclePriceExpired", new LrtBridgeSweep("ezETH", "keeper"));
        net.Do(new LrtOracleReport("ezETH", new Dictionary<string, UInt256> { ["WETH"] = E, ["stETH"] = Eth(1, 5, 1000) }), new LrtBridgeSweep("ezETH", "keeper"));
        Assert.Equal(Eth(0, 16, 1000), net.Engine.State.BalanceOf("keeper", "WETH"));
        Assert.Equal(UInt256.Zero, v.L2PendingTokens);
    }
}
