using Restake.Lrt.OnEngine;
using Restake.Protocol;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>The protocols' own withdrawal rules on top of the engine's delay, as a create_lrt sets them.</summary>
public class WithdrawalRulesTests
{
    [Fact]
    public void kelp_minimum_and_delay_and_renzo_cooldown_follow_the_rules_given()
    {
        var net = new Net("op");
        net.Do(Net.Create("rsETH", LrtPreset.Kelp, "stETH") with { Rules = new LrtRules(WithdrawalDelayBlocks: 100, MinWithdrawal: Eth(1)) },
            Net.Create("ezETH", LrtPreset.Renzo, "stETH") with { Rules = new LrtRules(CooldownSeconds: 1_200) },
            new LrtDeposit("rsETH", "a", "stETH", Eth(10), MintShortfall: true), new LrtDeposit("ezETH", "a", "stETH", Eth(10), MintShortfall: true));
        net.Refused("InvalidAmountToWithdraw", new LrtRequestWithdrawal("rsETH", "a", Eth(0, 1, 2), "k0"));
        net.Do(new LrtRequestWithdrawal("rsETH", "a", Eth(1), "k"), new LrtRequestWithdrawal("ezETH", "a", Eth(1), "r"));
        net.Must(new Roll(99)); // the engine's 50 blocks have passed; Kelp's 100 and Renzo's 1,200 s (100 blocks) not yet
        net.Refused("WithdrawalLocked", new LrtClaimWithdrawal("k"));
        net.Refused("EarlyClaim", new LrtClaimWithdrawal("r"));
        net.Must(new Roll(1));
        net.Do(new LrtClaimWithdrawal("k"), new LrtClaimWithdrawal("r"));
        Assert.Equal(Eth(2), net.Engine.State.BalanceOf("a", "stETH"));
        net.Refused("InvalidExitFeeBasisPoints", Net.Create("pufETH", LrtPreset.Puffer, "WETH") with { Rules = new LrtRules(ExitFeeBps: 251) });
    }
}
