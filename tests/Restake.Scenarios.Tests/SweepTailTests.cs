using System.Numerics;
using Restake.Scenarios.Sweep;

namespace Restake.Scenarios.Tests;

/// <summary>VaR and expected shortfall of sweep losses.</summary>
public class SweepTailTests
{
    // Losses 1..100: VaR95 = 95 (95 of 100 runs at or below), ES95 = mean of the worst 5 = (96+…+100)/5 = 98;
    // VaR99 = 99, ES99 = the worst one = 100. Hand-computed from the discrete definition (Acerbi and Tasche 2002).
    [Fact]
    public void one_to_a_hundred_has_the_hand_computed_tail()
    {
        var losses = Enumerable.Range(1, 100).Select(i => (BigInteger)i).Reverse().ToList();
        Assert.Equal(new TailRisk(100, 95, 98, 99, 100), SweepTail.Of(losses));
    }

    // Ten runs 10, 20, …, 100: VaR95 is the 10th (⌈9.5⌉) = 100, ES95 the worst ⌈0.5⌉ = 1 run = 100.
    [Fact]
    public void few_runs_take_the_worst_run_for_the_tail()
    {
        var t = SweepTail.Of([.. Enumerable.Range(1, 10).Select(i => (BigInteger)(i * 10))]);
        Assert.Equal(100, t.VaR95);
        Assert.Equal(100, t.ES95);
        Assert.Equal(0, SweepTail.Of([]).Runs);
    }

    // A run's loss is the first measured value minus the last; a run missing the measure is left out.
    [Fact]
    public void the_loss_of_a_run_is_first_measured_minus_end()
    {
        var p = new Dictionary<string, string>();
        SweepRow Row(int run, int step, long? v) => new(run, step, p, [v is { } x ? new BigInteger(x) : null], null);
        var rows = new[] { Row(0, 3, 1000), Row(0, 9, 700), Row(1, 3, 1000), Row(1, 9, 1100), Row(2, 3, null), Row(2, 9, 5) };
        Assert.Equal([300, -100], SweepTail.Losses(rows, 0));
    }

    // On the example sweep the value lost by rsETH is what became burnable (the slash moves value, nothing else).
    [Fact]
    public void the_example_sweeps_value_loss_tail_is_the_burnable_tail()
    {
        var d = ScenarioSweep.Read(File.ReadAllText(Repo.PathOf("scenarios", "sweeps", "lrt-slash.yaml")));
        var rows = ScenarioSweep.Run(d, 200, Environment.ProcessorCount);
        var value = SweepTail.Of(SweepTail.Losses(rows, d.Measures.ToList().FindIndex(m => m.Name == "value")));
        var burnable = SweepTail.Of(SweepTail.Losses(rows, d.Measures.ToList().FindIndex(m => m.Name == "burnable")).Select(b => -b).ToList());
        Assert.Equal(200, value.Runs);
        // Within the engine's few wei of rounding per run.
        Assert.True(BigInteger.Abs(value.VaR99 - burnable.VaR99) < 1_000, $"{value.VaR99} vs {burnable.VaR99}");
        Assert.True(value.ES95 > 0);
    }
}
