using System.Numerics;
using Restake.Scenarios.Sweep;

namespace Restake.Scenarios.Tests;

/// <summary>Monte Carlo sweeps of scenario files: deterministic per seed whatever the cores, conserving what the engine conserves, bad files refused.</summary>
public class SweepTests
{
    private static SweepDefinition Example() => ScenarioSweep.Read(File.ReadAllText(Repo.PathOf("scenarios", "sweeps", "lrt-slash.yaml")));

    [Fact]
    public void every_sweep_template_reads_and_its_first_runs_pass()
    {
        var files = Directory.EnumerateFiles(Repo.PathOf("scenarios", "sweeps"), "*.yaml").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var d = ScenarioSweep.Read(File.ReadAllText(file));
            Assert.All(ScenarioSweep.Run(d, 5, 1), row => Assert.Null(row.Failure));
        }
    }

    [Fact]
    public void the_same_seed_gives_the_same_table_on_one_core_and_on_all()
    {
        var d = Example();
        var one = ScenarioSweep.Csv(d, ScenarioSweep.Run(d, 60, 1));
        var all = ScenarioSweep.Csv(d, ScenarioSweep.Run(d, 60, Environment.ProcessorCount));
        Assert.Equal(one, all);
        Assert.NotEqual(one, ScenarioSweep.Csv(d with { Seed = d.Seed + 1 }, ScenarioSweep.Run(d with { Seed = d.Seed + 1 }, 60, 1)));
    }

    /// <summary>
    /// Every run: the slash moves value from rsETH's NAV to the strategy's burnable shares and nowhere else, so NAV + burnable is
    /// the 1,000 stETH deposited (to a few wei of the engine's rounding); a run measured before the slash has nothing burnable;
    /// and the draws stay inside their declared ranges.
    /// </summary>
    [Fact]
    public void each_run_conserves_the_deposits_and_draws_within_the_declared_ranges()
    {
        var d = Example();
        var rows = ScenarioSweep.Run(d, 200, Environment.ProcessorCount);
        var deposited = BigInteger.Parse("1000000000000000000000");
        foreach (var run in rows.GroupBy(r => r.Run))
        {
            var final = run.Last();
            Assert.Null(final.Failure);
            var value = final.Values[1]!.Value;
            var burnable = final.Values[2]!.Value;
            Assert.InRange(deposited - (value + burnable), BigInteger.Zero, new BigInteger(10));
            var before = run.First();
            Assert.Equal(BigInteger.Zero, before.Values[2]);
            Assert.Contains(final.Parameters["magnitude"], new[] { "0.25", "0.5", "1" });
            Assert.InRange(decimal.Parse(final.Parameters["slash"], System.Globalization.CultureInfo.InvariantCulture), 0.01m, 0.5m);
        }
    }

    [Theory]
    [InlineData("steps: []\n", "a sweep file is a scenario with a 'sweep' mapping")]
    [InlineData("sweep: { runs: 0, measure: { x: block } }\nsteps: []\n", "runs is between 1 and 1,000,000")]
    [InlineData("sweep: { vary: { a: { uniform: [\"2\", \"1\"] } }, measure: { x: block } }\nsteps: []\n", "uniform bounds are two decimals, low first")]
    [InlineData("sweep: { runs: 5 }\nsteps: []\n", "measure at least one state path")]
    [InlineData("sweep: { measure: { x: block } }\nsteps:\n  - nosuchverb: {}\n", "unknown verb 'nosuchverb'")]
    public void a_bad_sweep_file_is_refused_before_any_run(string text, string message)
    {
        var e = Assert.Throws<ScenarioFileException>(() => ScenarioSweep.Read(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_command_prints_the_summary_writes_the_table_and_checks_the_speedup_run()
    {
        var dir = Path.Combine(Path.GetTempPath(), "restake-tests", Guid.NewGuid().ToString("N"));
        var r = Cli.Run("sweep", Repo.PathOf("scenarios", "sweeps", "lrt-slash.yaml"), "--runs", "50", "--out", dir, "--speedup");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("50 runs", r.Out, StringComparison.Ordinal);
        Assert.Contains("tables identical", r.Out, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(dir, "sweep.csv"));
        Assert.Equal("run,step,magnitude,slash,rate,value,burnable,failure", csv[0]);
        Assert.Equal(1 + (50 * 3), csv.Length); // two notes and the last step per run
    }
}
