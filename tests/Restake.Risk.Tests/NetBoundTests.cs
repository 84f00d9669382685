using System.Numerics;
using CsCheck;
using Restake.Risk;

namespace Restake.Risk.Tests;

public class NetBoundTests
{
    // Pooled example (ModelTests): r = 50 % of 20 = 10 for both services, so any attack nets at most
    // 8 + 8 − 10 = 6, which the shared operator reaches: the bound is tight there.
    [Fact]
    public void Bound_is_tight_on_the_pooled_example()
    {
        var edges = new bool[3, 2];
        edges[0, 0] = edges[1, 0] = edges[1, 1] = edges[2, 1] = true;
        var net = Nets.FullReuse([10, 10, 10], [(8, 5000), (8, 5000)], edges);
        Assert.Equal(6, (long)NetBound.UpperBound(net));
    }

    // Unique-stake example: r = 7.5 per service; the separable bound (8 − 7.5)·2 = 1 beats the general
    // one (16 − 7.5 = 8.5, rounded up 9). The real best is −2.
    [Fact]
    public void Unique_stake_uses_the_separable_bound()
    {
        var ops = new[] { new Operator("a", 10), new Operator("b", 10), new Operator("c", 10) };
        var svc = new[] { new Service("s0", 8, 5000), new Service("s1", 8, 5000) };
        var w = new BigInteger[3, 2];
        w[0, 0] = 10; w[1, 0] = 5; w[1, 1] = 5; w[2, 1] = 10;
        Assert.Equal(1, (long)NetBound.UpperBound(new RestakingNetwork(ops, svc, w)));
    }

    [Fact]
    public void Bound_is_never_below_the_best_attack()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Bool).Sample((seed, full) =>
        {
            var net = Nets.Random(seed, 10, 5, full);
            Assert.True(BruteForce.MostProfitable(net)!.Net <= NetBound.UpperBound(net), $"seed {seed}");
        }, iter: 150);
    }
}

public class GreedyTests
{
    // One service, stakes 10/20/30, α = 50 %: largest first takes v2 alone (30 ≥ 30): net 25 − 30 = −5.
    [Fact]
    public void Greedy_takes_the_largest_allocations_first()
    {
        var net = Nets.FullReuse([10, 20, 30], [(25, 5000)], Nets.All(3, 1));
        var g = Greedy.BestSingleService(net)!;
        Assert.Equal([2], g.Operators);
        Assert.Equal(-5, (long)g.Net);
    }

    [Fact]
    public void Greedy_attacks_are_real_and_never_beat_the_optimum()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Bool).Sample((seed, full) =>
        {
            var net = Nets.Random(seed, 10, 5, full);
            var g = Greedy.BestSingleService(net)!;
            Assert.True(AttackRules.IsAttackingCoalition(net, g.Services.ToArray(), g.Operators.ToArray()));
            Assert.True(g.Net <= BruteForce.MostProfitable(net)!.Net);
        }, iter: 100);
    }
}
