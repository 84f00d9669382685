using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>Validator exits through the pod flow: queued native-ETH withdrawals paid from exited validators; pod rewards into the rate.</summary>
public class ValidatorExitTests
{
    private static readonly UInt256 Eth = Wad.Unit;
    private const string Beacon = ProtocolConstants.BeaconStrategy;

    private static Net Staked(LrtPreset preset, string lrt)
    {
        var net = new Net("a");
        net.Do(Net.Create(lrt, preset, Beacon, default, "a"), new LrtDeposit(lrt, "u", Beacon, Eth * 64UL, MintShortfall: true), new LrtStakeValidators(lrt, Count: 2));
        return net;
    }

    [Fact]
    public void pufETH_batch_is_paid_from_an_exited_validator_and_pod_rewards_raise_the_rate_at_once()
    {
        var net = Staked(LrtPreset.Puffer, "pufETH");
        var s = net.Engine.State;
        var v = net.Vault("pufETH");
        var nd = v.Nodes[0].Name;
        var rate = v.Rate(s);
        net.Must(new Roll(1), new Checkpoint(nd, [], Eth / 10UL)); // 0.1 ETH of consensus rewards swept into the pod
        Assert.True(v.Rate(s) > rate); // ERC-4626 over NAV: credited shares raise pufETH's rate at once
        Assert.Equal(Eth * 641UL / 10UL, v.Nav(s));

        net.Do(new LrtRequestWithdrawal("pufETH", "u", Eth * 10UL, "w"));
        net.Must(new Roll(51));
        net.Refused("InsufficientWithdrawableBalance", new LrtFinalizeWithdrawals("pufETH", 1));
        net.Do(new LrtExitValidators("pufETH", [1]));
        Assert.Equal(Eth * 641UL / 10UL, v.Nav(s)); // an exit moves value from the validator to the pod: NAV stays
        net.Do(new LrtFinalizeWithdrawals("pufETH", 1), new LrtClaimWithdrawal("w"));
        var r = v.PufferRequest("w")!.Value;
        var paid = Wad.MulDown(Eth * 10UL, UInt256.Min(r.Rate, v.Batches[1].Rate!.Value));
        // the request unstaked whole gwei rounded up, so the exited ETH covers the batch exactly as the formula asks
        var batch = v.Batches[1];
        Assert.Equal(UInt256.Min(batch.ToTransfer, Wad.MulDown(batch.ToBurn, batch.Rate!.Value)), batch.Transferred);
        Assert.Equal(paid, s.BalanceOf("u", ProtocolConstants.NativeToken));
    }

    [Fact]
    public void exit_refusals_are_named_and_change_nothing()
    {
        var net = Staked(LrtPreset.EtherFi, "eETH");
        net.Do(Net.Create("ezETH", LrtPreset.Renzo, "WETH", default, "a"), Net.Create("eW", LrtPreset.EtherFi, "WETH", default, "a"));
        net.Refused("NativeStakingUnsupported", new LrtExitValidators("ezETH", Count: 1));
        net.Refused("UnsupportedAsset", new LrtExitValidators("eW", Count: 1));
        net.Refused("UnknownNodeDelegator", new LrtExitValidators("eETH", Count: 1, Node: "eETH/nd5"));
        net.Refused("ValidatorNotActiveInPod", new LrtExitValidators("eETH", [9]));
        net.Refused("InputArrayLengthMismatch", new LrtExitValidators("eETH", [0, 0]));
        net.Refused("InvalidValidators", new LrtExitValidators("eETH", Count: 3));
        net.Refused("InvalidValidators", new LrtExitValidators("eETH"));
        net.Must(new Roll(1));
        net.Do(new LrtExitValidators("eETH", Count: 2));
        Assert.Equal(2UL * LrtVault.ValidatorGwei, net.Engine.State.Pods["eETH/nd0"].RestakedExecutionLayerGwei);
        Assert.Equal(Eth * 64UL, net.Vault("eETH").Nav(net.Engine.State));
    }

    [Fact]
    public void a_claim_before_the_exit_is_refused_whole_and_pays_after_it()
    {
        var net = Staked(LrtPreset.EtherFi, "eETH");
        var s = net.Engine.State;
        net.Do(new LrtRequestWithdrawal("eETH", "u", Eth * 40UL, "w"));
        net.Must(new Roll(51));
        net.Refused("InsufficientWithdrawableBalance", new LrtClaimWithdrawal("w"));
        net.Do(new LrtExitValidators("eETH", Count: 1));
        net.Refused("InsufficientWithdrawableBalance", new LrtClaimWithdrawal("w")); // 32 ETH exited, 40 owed
        net.Must(new Roll(1));
        net.Do(new LrtExitValidators("eETH", Count: 1), new LrtClaimWithdrawal("w"));
        Assert.Equal(Eth * 40UL, s.BalanceOf("u", ProtocolConstants.NativeToken));
        Assert.Equal(Eth * 24UL, net.Vault("eETH").Nav(s)); // the rest of the exited ETH, checkpointed in the pod as beaconETH
    }
}
