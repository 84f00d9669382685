using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>eETH staking its own validators through EigenPods: NAV moves from idle ETH to beaconETH and follows checkpoints.</summary>
public class NativeStakingTests
{
    private static readonly UInt256 Eth = Wad.Unit;

    private static Net Native(params string[] ops)
    {
        var net = new Net(ops);
        net.Do(Net.Create("eETH", LrtPreset.EtherFi, ProtocolConstants.BeaconStrategy, default, ops),
            new LrtDeposit("eETH", "alice", ProtocolConstants.BeaconStrategy, Eth * 64UL, MintShortfall: true));
        return net;
    }

    [Fact]
    public void staking_moves_idle_eth_into_the_pod_without_changing_nav()
    {
        var net = Native("a");
        var s = net.Engine.State;
        var v = net.Vault("eETH");
        var nd = v.Nodes[0];
        Assert.Equal(Eth * 64UL, s.BalanceOf(nd.Name, ProtocolConstants.NativeToken));
        Assert.Equal(Eth * 64UL, v.Nav(s));

        net.Do(new LrtStakeValidators("eETH", [new ValidatorBalance(40, LrtVault.ValidatorGwei)]), new LrtStakeValidators("eETH", Count: 1));
        Assert.Equal(UInt256.Zero, s.BalanceOf(nd.Name, ProtocolConstants.NativeToken));
        Assert.Equal(Eth * 64UL, s.BalanceOf(LrtVault.BeaconDepositHolder, ProtocolConstants.NativeToken));
        Assert.Equal([40L, 41L], v.StakedValidators[nd.Name]); // count picks the next index after every used one
        Assert.Equal(Eth * 64UL, v.BeaconValue(s, nd));
        Assert.Equal(Eth * 64UL, v.Nav(s));
        Assert.Equal(Eth, v.Rate(s));

        // A beacon penalty of 2 ETH on validator 41, seen by a checkpoint of the node delegator's pod: NAV falls by exactly 2.
        net.Must(new Roll(1), new Checkpoint(nd.Name, [new ValidatorBalance(41, 30_000_000_000)]));
        Assert.Equal(Eth * 62UL, v.Nav(s));
        Assert.Equal(Eth * 64UL, v.AccountedValue(s)); // eETH's books wait for the oracle
        net.Do(new LrtOracleReport("eETH"));
        Assert.Equal(Eth * 64UL - Bps.Down(Eth * 64UL, LrtVault.EtherFiMaxLossBps), v.AccountedValue(s));
        Assert.True(v.Rate(s) < Eth);
    }

    [Fact]
    public void refusals_are_named_and_change_nothing()
    {
        var net = Native("a", "b");
        var pods = net.Engine.State.Pods.Count;
        net.Refused("InsufficientIdleEth", new LrtStakeValidators("eETH", Count: 3));
        net.Refused("UnknownNodeDelegator", new LrtStakeValidators("eETH", Count: 1, Node: "eETH/nd9"));
        net.Refused("InvalidValidatorBalance", new LrtStakeValidators("eETH", [new ValidatorBalance(5, LrtVault.ValidatorGwei + 1)]));
        net.Refused("InvalidValidators", new LrtStakeValidators("eETH"));
        net.Refused("ValidatorAlreadyUsed", new LrtStakeValidators("eETH", [new ValidatorBalance(5, LrtVault.ValidatorGwei), new ValidatorBalance(5, LrtVault.ValidatorGwei)]));
        Assert.Equal(pods, net.Engine.State.Pods.Count);

        // An index another pod restaked is taken on the beacon chain too.
        net.Must(new CreatePod("olga"), new VerifyValidators("olga", [new ValidatorBalance(9, LrtVault.ValidatorGwei)]));
        net.Refused("ValidatorAlreadyUsed", new LrtStakeValidators("eETH", [new ValidatorBalance(9, LrtVault.ValidatorGwei)]));
        Assert.False(net.Engine.State.Pods.ContainsKey("eETH/nd0"));

        // Moving staked ETH between pods is not modelled: rebalancing refuses rather than half-runs.
        net.Refused("NativeRebalanceUnsupported", new LrtRebalance("eETH"));
    }

    [Fact]
    public void idle_eth_is_instant_liquidity_and_staked_eth_is_not()
    {
        var net = Native("a");
        var s = net.Engine.State;
        net.Do(new LrtInstantRedeem("eETH", "alice", Eth));
        // T = S = 64: paid ⌊1·(1e4 − 30)/1e4⌋ = 0.997 ETH from the idle ETH (the default 30 bps exit fee).
        var paid = Eth * 997UL / 1000UL;
        Assert.Equal(paid, s.BalanceOf("alice", ProtocolConstants.NativeToken));
        net.Do(new LrtStakeValidators("eETH", Count: 1));
        Assert.Equal(Eth * 32UL - paid, net.Vault("eETH").Liquidity(s)); // 64 − 0.997 idle, 32 of it staked
    }

    [Fact]
    public void only_ether_fi_and_puffer_take_native_eth()
    {
        var net = new Net("a");
        net.Refused("UnsupportedAsset", Net.Create("rsETH", LrtPreset.Kelp, ProtocolConstants.BeaconStrategy, default, "a"));
        net.Refused("UnsupportedAsset", Net.Create("ezETH", LrtPreset.Renzo, ProtocolConstants.BeaconStrategy, default, "a"));
        net.Do(Net.Create("ezETH", LrtPreset.Renzo, "WETH", default, "a"), Net.Create("eETH", LrtPreset.EtherFi, "WETH", default, "a"));
        net.Refused("NativeStakingUnsupported", new LrtStakeValidators("ezETH", Count: 1));
        net.Refused("UnsupportedAsset", new LrtStakeValidators("eETH", Count: 1));
    }
}
