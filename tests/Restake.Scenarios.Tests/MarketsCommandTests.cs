namespace Restake.Scenarios.Tests;

/// <summary>`restake replay` and `restake markets` as a user runs them: tables on the terminal, PNG and SVG charts on disk.</summary>
public class MarketsCommandTests
{
    private static string Folder() => Path.Combine(Path.GetTempPath(), "restake-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void the_ezeth_replay_prints_its_figures_beside_the_reference_and_writes_its_charts()
    {
        var dir = Folder();
        var r = Cli.Run("replay", "ezeth-2024-04", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var figure in new[] { "oracle below 1.0", "02:29:47", "145 of 146", "10.96 WETH", "had withdrawals been open" })
        {
            Assert.Contains(figure, r.Out, StringComparison.Ordinal);
        }
        foreach (var chart in new[] { "ezeth-price", "ezeth-liquidations", "ezeth-bad-debt", "ezeth-health-factors" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, chart + ".png")).Length > 1_000, chart);
            Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", File.ReadAllText(Path.Combine(dir, chart + ".svg")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void an_unknown_replay_is_one_line_naming_the_known_ones()
    {
        var r = Cli.Run("replay", "terra-2022");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("restake replay: no replay named 'terra-2022' (known: ezeth-2024-04)", r.Err.Trim());
    }

    [Fact]
    public void the_staking_ratio_study_prints_the_equilibrium_band_per_reward_level()
    {
        var dir = Folder();
        var r = Cli.Run("markets", "staking-ratio", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        // No restaking: 166.3/√N between 3.2 % and 2.9 % puts 26.9M–32.9M ETH at stake.
        Assert.Matches(@"│ 0 +│ 26\.9 – 32\.9 +│", r.Out);
        Assert.True(File.Exists(Path.Combine(dir, "staking-ratio.png")));
        var bad = Cli.Run("markets", "staking-ratio", "--required-low", "4", "--required-high", "3");
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.Err.Trim().Split('\n'));
    }

    [Fact]
    public void the_depeg_sweep_names_the_depth_where_bad_debt_begins()
    {
        var dir = Folder();
        var r = Cli.Run("markets", "depeg-sweep", "--step", "1000", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Matches(@"Bad debt first appears at a depeg of \d+(\.\d+)? %", r.Out);
        Assert.True(File.Exists(Path.Combine(dir, "depeg-bad-debt.svg")));
    }
}
