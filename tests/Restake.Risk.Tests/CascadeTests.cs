using System.Numerics;
using CsCheck;
using Restake.Risk;

namespace Restake.Risk.Tests;

public class CascadeTests
{
    // Hand-worked on stakes 10/20/30, one service π = 25, α = 50 %. Shocking v2 (30) leaves W = 30, so v1
    // alone (20 ≥ 15) is a valid attack: 25 > 20. Loss 20, then the service's profit is spent and
    // nothing else pays. Shocking v0 (10) leaves W = 50: v2 costs 30 > 25, no attack.
    [Fact]
    public void Shock_of_the_largest_operator_enables_one_attack()
    {
        var net = Nets.FullReuse([10, 20, 30], [(25, 5000)], Nets.All(3, 1));
        var hit = Cascade.Run(net, [2], BruteForce.LargestProfitable);
        Assert.Equal(30, (long)hit.ShockLoss);
        Assert.Single(hit.Steps);
        Assert.Equal([1], hit.Steps[0].Operators);
        Assert.Equal(20, (long)hit.AttackLoss);
        // γ* = 1/5 here: γ·L = 4 < σ_D = 30, as Theorem 1 says.
        Assert.True(Cascade.WithinTheorem1Bound(hit, 1, 5));

        var miss = Cascade.Run(net, [0], BruteForce.LargestProfitable);
        Assert.Empty(miss.Steps);
        Assert.Equal(10, (long)miss.TotalLoss);
    }

    // Hand-worked: s0 (π 12, α 50 %) on a=9, b=10; s1 (π 12, α 50 %) on b=10, c=11. Valid attacks include
    // a lone b on s0 (10 < 12) and c on s1 (11 < 12), but the largest is {b, c} on both: s0 has 10 of 19,
    // s1 has 21 of 21, cost 21 < 24. ({a, c} fails s0: 9 < 9.5.) After it both services are spent and
    // a alone gains nothing, so the cascade stops with loss 21.
    [Fact]
    public void Cascade_takes_the_largest_attack_and_stops_when_nothing_pays()
    {
        var edges = new bool[3, 2];
        edges[0, 0] = edges[1, 0] = edges[1, 1] = edges[2, 1] = true;
        var net = Nets.FullReuse([9, 10, 11], [(12, 5000), (12, 5000)], edges);
        var run = Cascade.Run(net, [], BruteForce.LargestProfitable);
        Assert.Single(run.Steps);
        Assert.Equal([1, 2], run.Steps[0].Operators);
        Assert.Equal([0, 1], run.Steps[0].Services);
        Assert.Equal(21, (long)run.AttackLoss);
    }

    [Fact]
    public void Unknown_shocked_operator_is_a_named_error()
    {
        var net = Nets.FullReuse([10], [(1, 5000)], Nets.All(1, 1));
        Assert.Equal("UnknownOperator", Assert.Throws<RiskModelException>(() => Cascade.Run(net, [3], BruteForce.LargestProfitable)).Code);
    }

    // DR Theorem 1 (risk-lrt.md §1.1): with γ-slack, every shock D is followed by attack loss L with
    // γ·L < σ_D, i.e. R_ψ < (1 + 1/γ)·ψ. γ is the exact largest slack of each random network, so the
    // check is as tight as the theorem allows.
    [Fact]
    public void Loss_after_a_shock_never_exceeds_the_Theorem_1_bound_when_the_buffer_holds()
    {
        var checkedCases = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var net = Nets.Random(seed, 8, 4, fullReuse: true);
            var gamma = BruteForce.MaxGamma(net);
            if (gamma is not { } g || g.Num <= 0) return;
            var r = new Random(seed);
            for (var k = 0; k < 4; k++)
            {
                var shocked = Enumerable.Range(0, net.Operators.Count).Where(_ => r.Next(3) == 0).ToArray();
                var run = Cascade.Run(net, shocked, BruteForce.LargestProfitable);
                Assert.True(Cascade.WithinTheorem1Bound(run, g.Num, g.Den),
                    $"seed {seed}: shock {run.ShockLoss}, loss {run.AttackLoss}, gamma {g.Num}/{g.Den}");
                checkedCases++;
            }
        }, iter: 150);
        Assert.True(checkedCases > 50, $"only {checkedCases} cases had a positive buffer");
    }
}
