using Restake.Scenarios;

namespace Restake.AvsFramework.Tests;

/// <summary>Each example's scenario file runs whole (its world, then its own tasks, challenges and rewards) with every expect holding.</summary>
public sealed class ScenarioFileTests
{
    [Theory]
    [InlineData("squaring.yaml")]
    [InlineData("price-oracle.yaml")]
    public void The_example_s_scenario_file_runs_and_every_expectation_holds(string file)
    {
        var run = ScenarioRunner.Run(ScenarioParser.Parse(File.ReadAllText(Path.Combine(AvsWorld.RepoRoot(), "scenarios", "avs", file))));
        Assert.True(run.ExitCode == 0, run.Failure);
        Assert.Contains(run.Steps, r => r.Step.Verb == "avs_challenge" && r.Detail.Contains("ResponseNotFaulty", StringComparison.Ordinal));
    }
}
