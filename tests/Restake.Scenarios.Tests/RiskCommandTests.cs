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
