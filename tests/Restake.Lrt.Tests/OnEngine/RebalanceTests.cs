using CsCheck;
using Restake.Lrt.OnEngine;
using Restake.Primitives;
using Restake.Protocol;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>lrt_rebalance: value moves between node delegators toward the targets; NAV and the rate stay put.</summary>
public class RebalanceTests
{
    private static readonly (string Lrt, LrtPreset Preset, string Asset)[] Presets =
        [("eETH", LrtPreset.EtherFi, "WETH"), ("pufETH", LrtPreset.Puffer, "WETH"), ("rsETH", LrtPreset.Kelp, "stETH"), ("ezETH", LrtPreset.Renzo, "stETH")];

    private static ulong Diff(UInt256 a, UInt256 b) => (ulong)(a > b ? a - b : b - a);

    [Fact]
    public void a_balanced_pool_has_nothing_to_rebalance_and_other_presets_share_the_verb()
    {
        var net = new Net("a", "b");
        net.Do(Net.Create("pufETH", LrtPreset.Puffer, "WETH", default, "a", "b"),
            new LrtDeposit("pufETH", "u", "WETH", Wad.Unit * 10UL, MintShortfall: true),
            new LrtDeposit("pufETH", "v", "WETH", Wad.Unit * 10UL, MintShortfall: true));
        net.Refused("NothingToRebalance", new LrtRebalance("pufETH"));
        net.Refused("UnknownLrt", new LrtRebalance("nope"));
    }

    [Fact]
    public void nav_is_conserved_to_a_few_wei_per_node_delegator_and_the_rate_does_not_move() =>
        Gen.Select(Gen.Int[0, 3], Gen.ULong[1, 500_000].Array[2, 6], Gen.ULong[0, 1_000], Gen.ULong[1, 90]).Sample((p, deposits, rewardMilli, withdrawPct) =>
        {
            var (lrt, preset, asset) = Presets[p];
            var net = new Net("op0", "op1", "op2");
            var s = net.Engine.State;
            net.Do(Net.Create(lrt, preset, asset, default, "op0", "op1", "op2") with { Policy = new DelegationPolicy([5_000, 3_000, 2_000]) });
            foreach (var d in deposits)
            {
                net.Do(new LrtDeposit(lrt, "u", asset, Wad.Unit / 1_000UL * d, MintShortfall: true));
            }
            var v = net.Vault(lrt);
            // Rewards make shares and tokens differ (rounding); a withdrawal takes from nd0 first and unbalances the pool.
            net.Must(new Donate(asset, Wad.Unit / 1_000UL * rewardMilli));
            net.Do(new LrtRequestWithdrawal(lrt, "u", UInt256.MulDiv(v.Token.BalanceOf("u"), withdrawPct, 100UL), "w"));
            var n = (ulong)v.Nodes.Count;

            for (var round = 0; round < 2; round++)
            {
                var nav = v.Nav(s);
                var rate = v.Rate(s);
                var outcome = net.Book.Perform(net.Engine, new LrtRebalance(lrt));
                if (!outcome.Accepted)
                {
                    Assert.Equal("NothingToRebalance", outcome.Error!.Name);
                    Assert.Equal(0, round); // only a pool already within the threshold has nothing to queue
                    return;
                }
                // Tokens are only moved; NAV is a reading (floors of shares to tokens per node), so it may shift a wei or so either way.
                Assert.True(Diff(nav, v.Nav(s)) <= 3 * n, $"round {round}: NAV {nav} → {v.Nav(s)}");
                // The rate is NAV over supply (or the protocol's own books): a few wei of NAV move it by at most a wei.
                Assert.True(Diff(rate, v.Rate(s)) <= 1, $"round {round}: rate {rate} → {v.Rate(s)}");
                Assert.Equal(round == 0, !v.RebalancePending(s).IsZero);
                net.Must(new Roll(51));
            }
            // Redeposited: no node delegator is above its target by more than the threshold and the rounding.
            var total = v.Nodes.Aggregate(UInt256.Zero, (a, nd) => a + v.PlacedValue(s, nd));
            foreach (var nd in v.Nodes)
            {
                var target = UInt256.MulDiv(total, nd.WeightBps, Bps.Denominator);
                var value = v.PlacedValue(s, nd);
                Assert.True(value <= target + Bps.Down(total, LrtVault.RebalanceThresholdBps) + (3 * n), $"{nd.Name} holds {value}, target {target}");
            }
            // The user's withdrawal still pays after the rebalance moved value around.
            net.Must(new Roll(LrtRules.DefaultKelpDelayBlocks));
            net.Claim("w");
        }, iter: 40);
}
