using CsCheck;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>eETH instant redemption on the engine: the fee stays in the pool, the bounds refuse without a trace.</summary>
public class InstantRedeemTests
{
    private static LrtCreate EEth(ulong bufferBps, UInt256? capacity = null) =>
        Net.Create("eETH", LrtPreset.EtherFi, "WETH") with { Rules = new LrtRules(BufferBps: bufferBps, BucketCapacity: capacity) };

    [Fact]
    public void a_deposit_redeemed_at_once_never_profits_and_the_rate_never_falls() =>
        Gen.Select(Gen.ULong[1, 1_000_000], Gen.ULong[1, 1_000_000], Gen.ULong[1, 100]).Sample((first, second, pct) =>
        {
            var net = new Net("op");
            var s = net.Engine.State;
            net.Do(EEth(5_000), new LrtDeposit("eETH", "a", "WETH", E / 1_000UL * first, MintShortfall: true));
            var v = net.Vault("eETH");
            var rate = v.Rate(s);
            net.Do(new LrtDeposit("eETH", "b", "WETH", E / 1_000UL * second, MintShortfall: true));
            var amount = UInt256.MulDiv(v.Token.BalanceOf("b"), pct, 100UL);
            var outcome = net.Book.Perform(net.Engine, new LrtInstantRedeem("eETH", "b", amount));
            if (outcome.Accepted)
            {
                Assert.True(s.BalanceOf("b", "WETH") < E / 1_000UL * second, "an instant redemption paid more than the deposit");
            }
            else
            {
                Assert.Contains(outcome.Error!.Name, new[] { "ExceededRedeemable", "RateLimitExceeded", "InvalidAmount" });
            }
            Assert.True(v.Rate(s) >= rate, "the rate fell on a redemption");
        }, iter: 60);

    [Fact]
    public void redemption_is_refused_beyond_liquidity_bucket_and_balance_and_only_for_eETH()
    {
        var net = new Net("op");
        net.Do(EEth(1_000, Eth(5)), new LrtDeposit("eETH", "a", "WETH", Eth(100), MintShortfall: true),
            Net.Create("ezETH", LrtPreset.Renzo, "stETH"), new LrtDeposit("ezETH", "a", "stETH", Eth(1), MintShortfall: true));
        // Liquidity 10, floor 1: 9.5 is refused, then the 5-ETH bucket refuses 6.
        net.Refused("ExceededRedeemable", new LrtInstantRedeem("eETH", "a", Eth(9, 1, 2)));
        net.Refused("RateLimitExceeded", new LrtInstantRedeem("eETH", "a", Eth(6)));
        net.Refused("InsufficientBalance", new LrtInstantRedeem("eETH", "b", Eth(1)));
        net.Refused("InstantRedemptionUnsupported", new LrtInstantRedeem("ezETH", "a", Eth(1)));
        net.Do(new LrtInstantRedeem("eETH", "a", Eth(5)));
        // 5·(1 − 0.003) paid; 10 % of the 0.015 eETH fee to the treasury, the rest burned.
        Assert.Equal(Eth(4, 985, 1_000), net.Engine.State.BalanceOf("a", "WETH"));
        Assert.Equal(Eth(0, 15, 10_000), net.Vault("eETH").Token.BalanceOf(LrtVault.EtherFiTreasury));
    }
}
