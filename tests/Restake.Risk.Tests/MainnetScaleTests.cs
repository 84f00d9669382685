using System.Numerics;
using CsCheck;
using Restake.Risk;

namespace Restake.Risk.Tests;

/// <summary>The pieces that make mainnet-size searches provable: exact subset sums, presolve, decomposition.</summary>
public class MainnetScaleTests
{
    private static readonly SolverOptions Fast = new(TimeLimitSeconds: 20, Workers: 1);

    [Fact]
    public void Exact_subset_sums_add_up_to_the_target()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 300]).Sample((seed, count) =>
        {
            var r = new Random(seed);
            var values = Enumerable.Range(0, count).Select(_ => (long)r.Next(1, 5_000_000)).ToArray();
            var target = values.Where(_ => r.Next(2) == 0).Sum();
            var pick = SubsetSum.Exact(values, target);
            // A target built from a subset has an answer; when one is given it must be exact and distinct.
            if (pick is null) return;
            Assert.Equal(pick.Length, pick.Distinct().Count());
            Assert.Equal(target, pick.Sum(i => values[i]));
        }, iter: 15, threads: 1);
        // Dense case (many values, a target in the middle) is found, as on mainnet-size services.
        var rng = new Random(7);
        var many = Enumerable.Range(0, 200).Select(_ => (long)rng.Next(10_000, 3_000_000)).ToArray();
        var half = many.Sum() / 2 + 1;
        var found = SubsetSum.Exact(many, half);
        Assert.NotNull(found);
        Assert.Equal(half, found!.Sum(i => many[i]));
    }

    // The best-effort cover is a real cover (sum at least the target, distinct values), never below the least one.
    [Fact]
    public void Near_covers_are_covers()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 14]).Sample((seed, count) =>
        {
            var r = new Random(seed);
            var values = Enumerable.Range(0, count).Select(_ => (long)r.Next(1, 20_000_000)).ToArray();
            var target = (long)r.Next(1, (int)Math.Min(int.MaxValue, values.Sum()));
            var pick = SubsetSum.Near(values, target);
            Assert.NotNull(pick);
            Assert.Equal(pick!.Length, pick.Distinct().Count());
            Assert.True(pick.Sum(i => values[i]) >= SubsetSum.LeastAtLeast(values, target)!.Sum(i => values[i]));
        }, iter: 100, threads: 1);
    }

    // Meet in the middle equals trying every subset (values up to 14, so 2^14 subsets).
    [Fact]
    public void Least_cover_equals_enumeration()
    {
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 14]).Sample((seed, count) =>
        {
            var r = new Random(seed);
            var values = Enumerable.Range(0, count).Select(_ => (long)r.Next(1, 1000)).ToArray();
            var target = r.Next(0, (int)values.Sum() + 200);
            long? best = null;
            for (var mask = 0; mask < 1 << count; mask++)
            {
                var sum = Enumerable.Range(0, count).Where(i => (mask >> i & 1) != 0).Sum(i => values[i]);
                if (sum >= target && (best is null || sum < best)) best = sum;
            }
            var pick = SubsetSum.LeastAtLeast(values, target);
            Assert.Equal(best, pick?.Sum(i => values[i]));
        }, iter: 100, threads: 1);
    }

    // Presolve drops services with π_s < α_s·W_s (unique stake) and operators that secure none of the kept
    // services. On random networks it never drops a service or operator (one securing an attacked service)
    // of the brute-force optimum, when that optimum is profitable; the reduced search equals brute force.
    [Fact]
    public void Presolve_keeps_every_operator_of_the_brute_force_optimum()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var net = Nets.Random(seed, 12, 6, fullReuse: false);
            var bf = BruteForce.MostProfitable(net)!;
            var plan = Presolve.Build(net);
            if (bf.Net > 0)
            {
                Assert.All(bf.Services, s => Assert.Contains(s, plan.KeptServices));
                var needed = bf.Operators.Where(v => bf.Services.Any(s => !net.Allocation(v, s).IsZero));
                Assert.All(needed, v => Assert.Contains(v, plan.KeptOperators));
                // Components partition what is kept.
                Assert.Equal(plan.KeptServices.Order(), plan.Components.SelectMany(c => c.Services).Order());
                Assert.Equal(plan.KeptOperators.Order(), plan.Components.SelectMany(c => c.Operators).Order());
            }
            var sv = AttackSolver.MostProfitable(net, Fast);
            Assert.Equal(SolveStatus.Optimal, sv.Status);
            Assert.Equal(bf.Net, sv.Attack!.Net);
        }, iter: 80, threads: 1);
    }

    // Two disjoint copies of the hand-worked pooled network (full reuse, where no service may be dropped):
    // two components, each worth 6, together 12 — the decomposition adds them up.
    [Fact]
    public void Components_add_up()
    {
        var edges = new bool[6, 4];
        edges[0, 0] = edges[1, 0] = edges[1, 1] = edges[2, 1] = true;
        edges[3, 2] = edges[4, 2] = edges[4, 3] = edges[5, 3] = true;
        var net = Nets.FullReuse([10, 10, 10, 10, 10, 10], [(8, 5000), (8, 5000), (8, 5000), (8, 5000)], edges);
        var plan = Presolve.Build(net);
        Assert.Equal(2, plan.Components.Count);
        var r = AttackSolver.MostProfitable(net, Fast);
        Assert.Equal(SolveStatus.Optimal, r.Status);
        Assert.Equal(12, (long)r.Attack!.Net);
        Assert.Equal([1, 4], r.Attack.Operators);
        Assert.Equal(BruteForce.MostProfitable(net)!.Net, r.Attack.Net);
    }

    // 200 operators and 10 AVSs with the mainnet recipe: the improved search (presolve, decomposition,
    // exact covers, strengthened rows) and the first formulation on the whole network prove the same optimum.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Improved_search_equals_the_first_formulation(int seed)
    {
        var net = SyntheticNetwork.Generate(200, 10, 480_000, seed);
        var improved = AttackSolver.MostProfitable(net, new SolverOptions(60));
        var classic = AttackSolver.MostProfitable(net, new SolverOptions(60, Classic: true));
        Assert.Equal(SolveStatus.Optimal, improved.Status);
        Assert.Equal(SolveStatus.Optimal, classic.Status);
        Assert.Equal(classic.Attack!.Net, improved.Attack!.Net);
        for (var s = 0; s < net.Services.Count; s++)
        {
            var a = AttackSolver.CostOfCorruption(net, s, new SolverOptions(30));
            var b = AttackSolver.CostOfCorruption(net, s, new SolverOptions(30, Classic: true));
            Assert.True(a.ProvenOptimal && b.ProvenOptimal);
            Assert.Equal(b.Attack!.Cost, a.Attack!.Cost);
        }
    }

    // The synthetic mainnet matches the totals it is calibrated to (docs/risk.md cites them).
    [Fact]
    public void Synthetic_mainnet_matches_its_calibration()
    {
        var net = SyntheticNetwork.Mainnet(1);
        Assert.Equal(2000, net.Operators.Count);
        Assert.Equal(50, net.Services.Count);
        Assert.True(net.IsUniqueStake);
        var eth = BigInteger.Pow(10, 18);
        // 4.8M ETH restaked (EigenLayer, July 2024), up to the floor of 1 ETH per operator and rounding.
        Assert.InRange((double)(net.TotalStake / eth), 4_790_000, 4_810_000);
        int Degree(int s) => Enumerable.Range(0, 2000).Count(v => !net.Allocation(v, s).IsZero);
        // EigenDA, eoracle, Witness Chain, Lagrange operator counts (risk-lrt.md §6.5).
        Assert.Equal([258, 103, 74, 61], Enumerable.Range(0, 4).Select(Degree));
        Assert.True(AttackSolver.ChooseUnit(net).Exact);
        // The same seed gives the same network.
        var again = SyntheticNetwork.Mainnet(1);
        Assert.Equal(net.SecuringStake, again.SecuringStake);
    }
}
