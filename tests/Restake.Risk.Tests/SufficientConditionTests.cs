using CsCheck;
using Restake.Risk;

namespace Restake.Risk.Tests;

public class SufficientConditionTests
{
    // DR Theorem 2's example (risk-lrt.md §1.1): one service, π = 1, α = 1, stakes {ε, 1 − ε}; here in
    // integers ε = 1 of 100 and π = 100. Claim 1 holds with equality for both operators and the network
    // is secure (taking it needs all 100 of stake for 100 of profit), yet shocking the ε operator lets the
    // other take the service alone (99 < 100): R_ψ = 1 for ψ = 1 %.
    [Fact]
    public void Theorem_2_example_passes_Claim_1_yet_a_tiny_shock_loses_everything()
    {
        var net = Nets.FullReuse([1, 99], [(100, 10000)], Nets.All(2, 1));
        Assert.True(SufficientConditions.Claim1(net));
        Assert.False(BruteForce.MostProfitable(net)!.IsProfitable);
        var run = Cascade.Run(net, [0], BruteForce.LargestProfitable);
        Assert.Equal(net.TotalStake, run.TotalLoss);
        var worst = AttackSolver.WorstShock(net, 1, 100, new SolverOptions(10, 1));
        Assert.Equal(99, (long)worst.ObjectiveValue);
        Assert.Equal([0], worst.Shocked);
    }

    // Claim 1 is sufficient: whenever it holds, exhaustive search finds no profitable attack; Corollary 2
    // at γ implies the γ-slack (the exact largest slack is at least γ). Random full-reuse and unique-stake
    // networks; profits are kept low so that the condition holds often enough to be tested.
    [Fact]
    public void Claim_1_implies_secure_and_Corollary_2_implies_gamma_slack()
    {
        var holds = 0;
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Bool).Sample((seed, full) =>
        {
            var net = Nets.Random(seed, 8, 4, full);
            var cheap = Cheapen(net, 4);
            if (SufficientConditions.Claim1(cheap))
            {
                holds++;
                Assert.False(BruteForce.MostProfitable(cheap)!.IsProfitable);
            }
            if (SufficientConditions.Corollary2(cheap, 1, 10) && BruteForce.MaxGamma(cheap) is { } g)
                Assert.True(g.Num * 10 >= g.Den, $"seed {seed}");
        }, iter: 150);
        Assert.True(holds > 20, $"Claim 1 held only {holds} times");
    }

    private static RestakingNetwork Cheapen(RestakingNetwork net, int divisor)
    {
        var svc = net.Services.Select(s => s with { ProfitFromCorruption = s.ProfitFromCorruption / divisor }).ToArray();
        var w = new System.Numerics.BigInteger[net.Operators.Count, net.Services.Count];
        for (var v = 0; v < net.Operators.Count; v++) for (var s = 0; s < net.Services.Count; s++) w[v, s] = net.Allocation(v, s);
        return new RestakingNetwork(net.Operators, svc, w);
    }
}
