using System.Text.Json.Nodes;

namespace Restake.Scenarios.Tests;

public class MarketCommandTests
{
    [Fact]
    public void restake_run_on_the_market_commands_reaches_the_market_runs_state_hash()
    {
        var dir = Path.Combine(Path.GetTempPath(), "restake-tests", Guid.NewGuid().ToString("N"));
        var market = Cli.Run("market", Repo.PathOf("scenarios", "market", "market-shock.yaml"), "--out", dir, "--json");
        Assert.True(market.ExitCode == 0, market.Err);
        var hash = JsonNode.Parse(market.Out)!["state_hash"]!.GetValue<string>();
        var run = Cli.Run("run", Path.Combine(dir, "commands.yaml"), "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        // The state document restake run prints, hashed as the market run hashes its own.
        var replayed = StateDocument.Hash(JsonNode.Parse(run.Out)!);
        Assert.Equal(hash, replayed);
        foreach (var name in new[] { "summary.md", "avs.csv", "allocations.csv", "earners.csv", "price.png", "margins.svg", "allocations-risky.png", "operator-yields.png" })
        {
            Assert.True(File.Exists(Path.Combine(dir, name)), $"the report has no {name}");
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void a_bad_market_file_gets_one_line_and_status_2_and_restake_run_points_to_restake_market()
    {
        var bad = Cli.Scratch("bad.yaml", "name: x\nmarket:\n  epochs: 3\n  avss:\n    - { name: a, token: T, budget_per_epoch: \"0\" }\n");
        var r = Cli.Run("market", bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"restake market: {bad}:5: AVS a: budget_per_epoch is more than 0", r.Err.Trim());
        var run = Cli.Run("run", Repo.PathOf("scenarios", "market", "market-quiet.yaml"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("restake market", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }
}
