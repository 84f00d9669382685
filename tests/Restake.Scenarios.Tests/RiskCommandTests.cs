namespace Restake.Scenarios.Tests;

/// <summary>`restake risk` as a user runs it, on the demo network and on a scenario of their own.</summary>
public class RiskCommandTests
{
    [Fact]
    public void the_demo_network_is_secure_under_the_assumed_profits_and_says_what_it_assumed()
    {
        var r = Cli.Run("risk", "--time-limit", "5");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Assumed (no --profit given): eigenda/0", r.Out, StringComparison.Ordinal);
        Assert.Contains("No profitable attack", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ eigenda/0 +│", r.Out);
    }

    [Fact]
    public void a_declared_profit_large_enough_makes_an_attack_and_names_it()
    {
        // EigenDA's set is secured by ~29,302 ETH and needs a third of it: a declared profit of 1,000,000 ETH pays for any coalition.
        var r = Cli.Run("risk", "--profit", "eigenda/0=1000000", "--time-limit", "5");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Most profitable attack", r.Out, StringComparison.Ordinal);
        Assert.Contains("corrupt eigenda/0", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void a_bad_declaration_is_one_line_and_exit_2()
    {
        var r = Cli.Run("risk", "--profit", "nosuch/0=5");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("restake risk: --profit 'nosuch/0=5': give SET=ETH[:BPS] with SET one of eigenda/0", r.Err.Trim(), StringComparison.Ordinal);
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}

/// <summary>`restake risk --synthetic` refusals and `restake sweep --cluster` addresses: one line, exit 2.</summary>
public class RiskScaleCommandTests
{
    [Theory]
    [InlineData("risk", "--synthetic", "testnet")]
    [InlineData("sweep", "scenarios/sweeps/lrt-slash.yaml", "--cluster", "redis://h")]
    [InlineData("sweep", "scenarios/sweeps/lrt-slash.yaml", "--cluster", "localhost:0")]
    [InlineData("silo", "--cluster", "localhost:2")]
    public void bad_cluster_or_synthetic_arguments_are_one_line_and_exit_2(params string[] args)
    {
        var r = Cli.Run([.. args.Select(a => a.StartsWith("scenarios/", StringComparison.Ordinal) ? Repo.PathOf(a.Split('/')) : a)]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void a_sweep_on_two_local_silos_prints_the_silos_and_the_tail_table()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "restake-cluster-sweep-" + Guid.NewGuid().ToString("N"));
        var r = Cli.Run("sweep", Repo.PathOf("scenarios", "sweeps", "lrt-slash.yaml"), "--runs", "40", "--cluster", "localhost:2", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("on an Orleans cluster of 2 silo(s)", r.Out, StringComparison.Ordinal);
        Assert.Contains("VaR 99 %", r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "sweep-loss-value.png")));
        Directory.Delete(outDir, true);
    }
}
