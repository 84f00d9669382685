using System.Numerics;
using Restake.Risk;

namespace Restake.Risk.Tests;

public class ModelTests
{
    // Hand-worked: one service, stakes 10/20/30, α = 50 %: W = 60, attackers need 30. The cheapest
    // coalitions ({v0,v1} or {v2}) cost 30, so with π = 25 the best net is 25 − 30 = −5 (secure) and
    // with π = 31 it is +1 (insecure).
    [Theory]
    [InlineData(25, -5)]
    [InlineData(31, 1)]
    public void One_service_best_attack_is_the_cheapest_half(long profit, long expectedNet)
    {
        var net = Nets.FullReuse([10, 20, 30], [(profit, 5000)], Nets.All(3, 1));
        var best = BruteForce.MostProfitable(net)!;
        Assert.Equal(expectedNet, (long)best.Net);
        Assert.Equal(expectedNet > 0, best.IsProfitable);
        Assert.True(AttackRules.IsAttackingCoalition(net, best.Services.ToArray(), best.Operators.ToArray()));
    }

    // Hand-worked pooled security (EigenLayer whitepaper's point, DR's model): a,b,c stake 10 each;
    // s0 secured by a,b and s1 by b,c, π = 8, α = 50 %. Alone each service costs 10 to take (net −2),
    // but b alone holds half of both: profit 16 for cost 10, net +6.
    [Fact]
    public void Shared_operator_makes_two_safe_services_unsafe_together()
    {
        var edges = new bool[3, 2];
        edges[0, 0] = edges[1, 0] = edges[1, 1] = edges[2, 1] = true;
        var net = Nets.FullReuse([10, 10, 10], [(8, 5000), (8, 5000)], edges);
        var best = BruteForce.MostProfitable(net)!;
        Assert.Equal(6, (long)best.Net);
        Assert.Equal([0, 1], best.Services);
        Assert.Equal([1], best.Operators);
    }

    // Same graph with unique stake: b splits 5/5, a and c allocate 10. W = 15 per service, needs 7.5:
    // b alone (5) fails; the cheapest is a alone on s0 (or c on s1): 8 − 10 = −2; both services need
    // {a, c} (10 of 15 each) for 20 > 16. Secure, best net −2.
    [Fact]
    public void Unique_stake_removes_the_pooled_attack()
    {
        var ops = new[] { new Operator("a", 10), new Operator("b", 10), new Operator("c", 10) };
        var svc = new[] { new Service("s0", 8, 5000), new Service("s1", 8, 5000) };
        var w = new BigInteger[3, 2];
        w[0, 0] = 10; w[1, 0] = 5; w[1, 1] = 5; w[2, 1] = 10;
        var net = new RestakingNetwork(ops, svc, w);
        Assert.False(net.IsFullReuse);
        Assert.Equal(-2, (long)BruteForce.MostProfitable(net)!.Net);
        Assert.Null(BruteForce.LargestProfitable(net));
        // b's cost on both services is min(σ, 5 + 5) = 10: stake is slashed once.
        Assert.Equal(10, (long)net.OperatorCost(1, [0, 1]));
        Assert.Equal(5, (long)net.OperatorCost(1, [0]));
    }

    // γ* for the first example with π = 25: the cheapest coalition costs 30, so (1+γ)·25 ≤ 30 gives γ* = 1/5.
    [Fact]
    public void Max_gamma_of_the_one_service_example_is_one_fifth()
    {
        var net = Nets.FullReuse([10, 20, 30], [(25, 5000)], Nets.All(3, 1));
        var (num, den) = BruteForce.MaxGamma(net)!.Value;
        Assert.Equal(den, num * 5);
    }

    [Fact]
    public void Bad_inputs_get_named_errors()
    {
        var ops = new[] { new Operator("a", 10) };
        Assert.Equal("ThresholdOutOfRange", Assert.Throws<RiskModelException>(() =>
            Nets.FullReuse([10], [(1, 0)], Nets.All(1, 1))).Code);
        Assert.Equal("ThresholdOutOfRange", Assert.Throws<RiskModelException>(() =>
            Nets.FullReuse([10], [(1, 10001)], Nets.All(1, 1))).Code);
        Assert.Equal("NegativeStake", Assert.Throws<RiskModelException>(() =>
            Nets.FullReuse([-1], [(1, 5000)], Nets.All(1, 1))).Code);
        var tooMuch = new BigInteger[1, 1];
        tooMuch[0, 0] = 11;
        Assert.Equal("AllocationOutOfRange", Assert.Throws<RiskModelException>(() =>
            new RestakingNetwork(ops, [new Service("s", 1, 5000)], tooMuch)).Code);
        Assert.Equal("DuplicateName", Assert.Throws<RiskModelException>(() =>
            new RestakingNetwork([new Operator("a", 1), new Operator("a", 1)], [new Service("s", 1, 5000)], new BigInteger[2, 1])).Code);
        Assert.Equal("AllocationShape", Assert.Throws<RiskModelException>(() =>
            new RestakingNetwork(ops, [new Service("s", 1, 5000)], new BigInteger[2, 1])).Code);
        Assert.Equal("NegativeProfit", Assert.Throws<RiskModelException>(() =>
            Nets.FullReuse([10], [(-1, 5000)], Nets.All(1, 1))).Code);
        var big = Nets.FullReuse(Enumerable.Repeat(1L, 13).ToArray(), [(1, 5000)], Nets.All(13, 1));
        Assert.Equal("TooLargeForBruteForce", Assert.Throws<RiskModelException>(() => BruteForce.MostProfitable(big)).Code);
    }
}
