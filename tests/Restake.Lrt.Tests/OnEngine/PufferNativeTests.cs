using CsCheck;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>pufETH over ETH, WETH and stETH: stETH held, converted through Lido's queue at PufferVaultV5's accounting, then staked.</summary>
public class PufferNativeTests
{
    private static readonly UInt256 Eth = Wad.Unit;
    private const string Beacon = ProtocolConstants.BeaconStrategy;

    private static Net Puffer()
    {
        var net = new Net("op");
        net.Do(new LrtCreate("pufETH", LrtPreset.Puffer, ["op"], [new("WETH", Wad.Unit), new(Beacon, Wad.Unit), new("stETH", Wad.Unit)], DelegationPolicy.Equal, default));
        return net;
    }

    [Fact]
    public void steth_is_held_then_converted_and_staked_without_moving_the_rate()
    {
        var net = Puffer();
        var s = net.Engine.State;
        var v = net.Vault("pufETH");
        var nd = v.Nodes[0].Name;
        net.Do(new LrtDeposit("pufETH", "a", "stETH", Eth * 40UL, MintShortfall: true),
            new LrtDeposit("pufETH", "b", "WETH", Eth * 5UL, MintShortfall: true),
            new LrtDeposit("pufETH", "c", Beacon, Eth * 24UL, MintShortfall: true));
        Assert.Equal(Eth * 40UL, s.BalanceOf(nd, "stETH")); // held (PufferVaultV5), not restaked
        Assert.True(s.Strategies["stETH"].TotalShares.IsZero);
        net.Must(new Donate("WETH", Eth)); // a rate above 1 makes a jump visible
        var rate = v.Rate(s);
        var nav = v.Nav(s);

        net.Do(new LrtConvertStEth("pufETH", Eth * 8UL, "l1"));
        // upstream totalAssets: stETH − 8 + lidoLockedETH + 8: the same sum
        Assert.Equal(Eth * 32UL, s.BalanceOf(nd, "stETH"));
        Assert.Equal(Eth * 8UL, v.PendingLidoEth);
        Assert.Equal((nav, rate), (v.Nav(s), v.Rate(s)));
        net.Do(new LrtClaimStEth("pufETH", "l1"), new LrtStakeValidators("pufETH", Count: 1));
        Assert.Equal(UInt256.Zero, v.PendingLidoEth);
        Assert.Equal(Eth * 32UL, v.BeaconValue(s, v.Nodes[0]));
        Assert.Equal((nav, rate), (v.Nav(s), v.Rate(s)));
    }

    [Fact]
    public void conversion_refusals_are_named_and_change_nothing()
    {
        var net = Puffer();
        net.Do(new LrtDeposit("pufETH", "a", "stETH", Eth * 2UL, MintShortfall: true), new LrtConvertStEth("pufETH", Eth, "l1"));
        net.Refused("RequestAmountTooSmall", new LrtConvertStEth("pufETH", 99UL, "x"));
        net.Refused("RequestAmountTooLarge", new LrtConvertStEth("pufETH", LrtVault.LidoMaxRequest + UInt256.One, "x"));
        net.Refused("InsufficientIdleStEth", new LrtConvertStEth("pufETH", Eth + UInt256.One, "x"));
        net.Refused("UnknownNodeDelegator", new LrtConvertStEth("pufETH", Eth, "x", "pufETH/nd7"));
        net.Refused("WithdrawalIdTaken", new LrtConvertStEth("pufETH", Eth, "l1"));
        net.Refused("InvalidLidoPayout", new LrtClaimStEth("pufETH", "l1", Eth + UInt256.One));
        net.Refused("EnumerableMapNonexistentKey", new LrtClaimStEth("pufETH", "l2"));
        net.Do(new LrtClaimStEth("pufETH", "l1"));
        net.Refused("EnumerableMapNonexistentKey", new LrtClaimStEth("pufETH", "l1"));

        // Without ETH a pufETH restakes its stETH as before and has nothing to convert it for; other presets never convert.
        net.Do(Net.Create("pufW", LrtPreset.Puffer, "stETH", default, "op"), Net.Create("rsETH", LrtPreset.Kelp, "stETH", default, "op"));
        net.Refused("UnsupportedAsset", new LrtConvertStEth("pufW", Eth, "y"));
        net.Refused("StEthConversionUnsupported", new LrtConvertStEth("rsETH", Eth, "y"));
    }

    [Fact]
    public void conversion_keeps_the_upstream_sum_for_any_amount_and_a_lido_shortfall_lowers_only_the_rate() =>
        Gen.Select(Gen.ULong[100, 1_000_000_000_000_000_000], Gen.ULong[0, 1_000_000]).Sample((amount, shortfall) =>
        {
            var net = Puffer();
            var s = net.Engine.State;
            var v = net.Vault("pufETH");
            net.Do(new LrtDeposit("pufETH", "a", "stETH", Eth, MintShortfall: true), new LrtDeposit("pufETH", "b", "WETH", Eth, MintShortfall: true));
            net.Must(new Donate("WETH", Eth / 3UL));
            var (nav, rate, supply) = (v.Nav(s), v.Rate(s), v.Token.TotalSupply);
            net.Do(new LrtConvertStEth("pufETH", amount, "l"));
            Assert.Equal((nav, rate), (v.Nav(s), v.Rate(s)));
            var paid = amount > shortfall ? amount - shortfall : 0UL;
            net.Do(new LrtClaimStEth("pufETH", "l", paid));
            // stETH + pending + ETH: exactly the old sum less what Lido kept; the supply never moves.
            Assert.Equal(nav - (UInt256)(amount - paid), v.Nav(s));
            Assert.Equal(supply, v.Token.TotalSupply);
            Assert.True(v.Rate(s) <= rate);
        });
}
