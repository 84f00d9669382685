using CsCheck;
using Restake.Lrt.OnEngine;
using Restake.Primitives;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>The concentration cap: deposits are split so no operator passes it, refused only when no split can help.</summary>
public class PolicyTests
{
    private static UInt256 Eth(ulong n) => Wad.Unit * n;

    private static LrtCreate Capped(ulong capBps, params string[] ops) =>
        Net.Create("rsETH", LrtPreset.Kelp, "stETH", default, ops) with { Policy = new DelegationPolicy(CapBps: capBps) };

    [Fact]
    public void a_first_deposit_is_split_so_no_operator_holds_more_than_the_cap()
    {
        var net = new Net("a", "b", "c", "d");
        net.Do(Capped(3_000, "a", "b", "c", "d"), new LrtDeposit("rsETH", "u", "stETH", Eth(100), MintShortfall: true));
        var s = net.Engine.State;
        // Equal targets of 25 each: the split fills them exactly, one engine deposit per node delegator.
        Assert.All(net.Vault("rsETH").OperatorValues(s).Values, v => Assert.Equal(Eth(25), v));
        Assert.Equal(Eth(100), net.Vault("rsETH").Token.BalanceOf("u"));
    }

    [Fact]
    public void a_small_second_deposit_into_an_almost_empty_pool_is_accepted_and_spread()
    {
        var net = new Net("a", "b", "c", "d");
        net.Do(Capped(3_000, "a", "b", "c", "d"),
            new LrtDeposit("rsETH", "u", "stETH", Eth(1), MintShortfall: true),
            new LrtDeposit("rsETH", "v", "stETH", Eth(1), MintShortfall: true));
        var values = net.Vault("rsETH").OperatorValues(net.Engine.State).Values.ToList();
        Assert.All(values, v => Assert.Equal(Wad.Unit / 2UL, v)); // 2 ETH over four: 0.5 each, under ⌈2·0.3⌉ = 0.6
    }

    [Fact]
    public void too_few_operators_for_the_cap_refuse_with_nothing_changed()
    {
        var net = new Net("a", "b", "c");
        net.Do(Capped(3_000, "a", "b", "c")); // 3 × 30 % < 100 %: no split can satisfy it
        net.Refused("ConcentrationCapExceeded", new LrtDeposit("rsETH", "u", "stETH", Eth(10), MintShortfall: true));
        Assert.True(net.Vault("rsETH").Token.TotalSupply.IsZero);
    }

    [Fact]
    public void after_any_deposits_every_operator_is_within_the_cap_when_enough_operators_exist() =>
        Gen.Select(Gen.Int[1, 6], Gen.ULong[1_500, 9_000], Gen.ULong[1, 1_000_000_000_000].Array[1, 12]).Sample((n, cap, amounts) =>
        {
            var ops = Enumerable.Range(0, n).Select(i => $"op{i}").ToArray();
            var net = new Net(ops);
            net.Do(Capped(cap, ops));
            var feasible = (ulong)n * cap >= Bps.Scale;
            var v = net.Vault("rsETH");
            var s = net.Engine.State;
            foreach (var a in amounts)
            {
                var deposit = new LrtDeposit("rsETH", "u", "stETH", Wad.Unit / 1_000_000UL * a, MintShortfall: true);
                if (!feasible)
                {
                    net.Refused("ConcentrationCapExceeded", deposit);
                    continue;
                }
                net.Do(deposit);
                var values = v.OperatorValues(s).Values.ToList();
                var total = values.Aggregate(UInt256.Zero, (x, y) => x + y);
                // ⌈total·cap/1e4⌉, plus a wei per node delegator for the token rounding of a split.
                var limit = Bps.Up(total, cap) + (ulong)n;
                Assert.All(values, x => Assert.True(x <= limit, $"{x} of {total} is above the {cap} bps cap"));
            }
        }, iter: 60);
}
