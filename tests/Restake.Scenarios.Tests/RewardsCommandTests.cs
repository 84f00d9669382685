using System.Text.Json.Nodes;

namespace Restake.Scenarios.Tests;

public class RewardsCommandTests
{
    [Fact]
    public void rewards_report_lists_daily_payouts_yields_and_exports_the_posted_tree()
    {
        var tree = Path.Combine(Path.GetTempPath(), $"restake-tree-{Guid.NewGuid():N}.json");
        var file = Repo.PathOf("scenarios", "rewards-eigenda-pays-restakers.yaml");
        var r = Cli.Run("rewards", file, "--json", "--price", "EIGEN=0.001", "--tree", tree);
        Assert.True(r.ExitCode == 0, r.Err);
        var doc = JsonNode.Parse(r.Out)!;
        var daily = doc["daily"]!.AsArray();
        // Two weeks of three earners a day.
        Assert.Equal(14 * 3, daily.Count);
        var alice = doc["yields"]!.AsArray().Single(y => (string?)y!["earner"] == "alice")!;
        Assert.Equal("877500000000000000000", (string?)alice["earned"]!["EIGEN"]);
        Assert.InRange((double)alice["apr_eth"]!, 0.76, 0.77);

        var exported = JsonNode.Parse(File.ReadAllText(tree))!;
        var state = JsonNode.Parse(Cli.Run("run", file, "--json").Out)!;
        Assert.Equal((string?)state["rewards"]!["roots"]![1]!["root"], (string?)exported["root"]);
        Assert.Equal(3, exported["earners"]!.AsArray().Count);
    }

    [Fact]
    public void a_bad_price_is_one_clear_error()
    {
        var r = Cli.Run("rewards", Repo.PathOf("scenarios", "rewards-eigenda-pays-restakers.yaml"), "--price", "EIGEN");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--price takes TOKEN=ETH_PER_TOKEN", r.Err, StringComparison.Ordinal);
    }
}
