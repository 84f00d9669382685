using CsCheck;
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

    [Fact]
    public void native_exits_never_pay_more_than_asked_or_held_and_a_beacon_penalty_never_raises_a_rate() =>
        Gen.Select(Gen.ULong[1, 63], Gen.ULong[0, 160], Gen.ULong[0, 1_000]).Sample((pct, rewardsMilli, penaltyMilli) =>
        {
            foreach (var (preset, lrt) in new[] { (LrtPreset.EtherFi, "eETH"), (LrtPreset.Puffer, "pufETH") })
            {
                var net = Staked(preset, lrt);
                var s = net.Engine.State;
                var v = net.Vault(lrt);
                var nd = v.Nodes[0].Name;
                // rewards swept into the pod, then a penalty on validator 1 (a lower balance, by checkpoint)
                net.Must(new Roll(1), new Checkpoint(nd, [], Eth * rewardsMilli / 1_000UL));
                net.Do(new LrtOracleReport(lrt)); // ≤ 0.16 ETH on 64: within eETH's +25 bps, so T catches up with NAV
                Assert.Equal(v.Nav(s), v.AccountedValue(s));
                var rate = v.Rate(s);
                net.Must(new Roll(1), new Checkpoint(nd, [new ValidatorBalance(1, LrtVault.ValidatorGwei - (penaltyMilli * 1_000_000UL))], Eth * rewardsMilli / 1_000UL));
                net.Do(new LrtOracleReport(lrt));
                Assert.True(v.Rate(s) <= rate, $"{lrt}'s rate rose on a beacon penalty");

                var amount = Eth * pct;
                net.Do(new LrtRequestWithdrawal(lrt, "u", amount, "w"));
                net.Must(new Roll(51));
                net.Do(new LrtExitValidators(lrt, Count: 2));
                var nav = v.Nav(s);
                net.Claim("w");
                var w = v.Withdrawals["w"];
                Assert.True(w.Paid <= w.ValueAtRequest, $"{lrt} paid {w.Paid} above the {w.ValueAtRequest} asked");
                Assert.True(w.Paid <= nav);
                Assert.Equal(w.Paid, s.BalanceOf("u", ProtocolConstants.NativeToken));
            }
        }, iter: 20);

    [Fact]
    public void a_pufETH_deposit_redeemed_at_once_never_profits() =>
        Gen.Select(Gen.ULong[1, 6_000], Gen.ULong[0, 250], Gen.ULong[0, 250]).Sample((milli, exitBps, treasuryBps) =>
        {
            var net = new Net("a");
            var s = net.Engine.State;
            net.Do(Net.Create("pufETH", LrtPreset.Puffer, "WETH", default, "a") with { Rules = new LrtRules(ExitFeeBps: exitBps, TreasuryFeeBps: treasuryBps, BufferBps: 5_000, BatchSize: 1) },
                new LrtDeposit("pufETH", "u", "WETH", Eth * 7UL, MintShortfall: true));
            net.Must(new Donate("WETH", Eth)); // rewards on the restaked half: the rate is above 1; idle WETH (3.5 + half of carol's) pays her
            var amount = Eth * milli / 1_000UL;
            net.Must(new Mint("carol", "WETH", amount));
            net.Do(new LrtDeposit("pufETH", "carol", "WETH", amount));
            var minted = net.Vault("pufETH").Token.BalanceOf("carol");
            if (!minted.IsZero)
            {
                net.Do(new LrtInstantRedeem("pufETH", "carol", minted));
            }
            Assert.True(s.BalanceOf("carol", "WETH") <= amount);
        }, iter: 60);
}
