using System.Numerics;
using CsCheck;
using Restake.Risk;

namespace Restake.Risk.Tests;

public class ShockTests
{
    private static readonly SolverOptions Fast = new(TimeLimitSeconds: 20, Workers: 1);
    private static readonly (long Num, long Den)[] Psis = [(0, 1), (1, 10), (1, 4), (1, 2)];

    // DR Corollary 1: in the full-reuse model the union of a valid cascade is one valid attack, so the
    // greedy cascade after a shock D destroys exactly as much as the largest single attack on G↓D.
    [Fact]
    public void Cascade_loss_equals_the_largest_single_attack_after_the_shock()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var net = Nets.Random(seed, 8, 4, fullReuse: true);
            var r = new Random(seed);
            var shocked = Enumerable.Range(0, net.Operators.Count).Where(_ => r.Next(3) == 0).ToArray();
            var run = Cascade.Run(net, shocked, BruteForce.LargestProfitable);
            var single = BruteForce.LargestProfitable(net.Without(shocked));
            Assert.Equal(single?.Cost ?? BigInteger.Zero, run.AttackLoss);
        }, iter: 80);
    }

    // The one-model R_ψ (shock variables z_v beside the attack) equals enumerating every admissible
    // shock; and where the γ-buffer holds, R_ψ < (1 + 1/γ)·ψ (DR Theorem 1).
    [Fact]
    public void Worst_shock_solver_equals_enumeration_and_respects_Theorem_1()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, Psis.Length - 1]).Sample((seed, pi) =>
        {
            var (pn, pd) = Psis[pi];
            var net = Nets.Random(seed, 7, 4, fullReuse: true);
            var bf = BruteForce.WorstShock(net, pn, pd);
            var sv = AttackSolver.WorstShock(net, pn, pd, Fast);
            if (bf.Attack is null)
            {
                Assert.Equal(SolveStatus.Infeasible, sv.Status);
                return;
            }
            Assert.Equal(SolveStatus.Optimal, sv.Status);
            Assert.Equal(bf.Attack.Cost, sv.ObjectiveValue);
            var shockStake = sv.Shocked.Aggregate(BigInteger.Zero, (a, v) => a + net.Operators[v].Stake);
            Assert.True(shockStake * pd <= pn * net.TotalStake);
            Assert.True(sv.Attack!.IsProfitable);
            Assert.Equal(bf.Attack.Cost, sv.Attack.Cost);
            if (BruteForce.MaxGamma(net) is { } g && g.Num > 0)
                Assert.True(g.Num * bf.Attack.Cost * pd < g.Den * pn * net.TotalStake, $"seed {seed}");
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void Psi_outside_zero_to_one_is_a_named_error()
    {
        var net = Nets.FullReuse([10], [(1, 5000)], Nets.All(1, 1));
        Assert.Equal("BadPsi", Assert.Throws<RiskModelException>(() => AttackSolver.WorstShock(net, 3, 2)).Code);
    }
}
