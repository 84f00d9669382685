using System.Text.Json.Nodes;

namespace Restake.Scenarios.Tests;

/// <summary>`restake demo` as a new user runs it: the seed's story told chapter by chapter, ending with the liquid restaking tokens.</summary>
public class DemoCommandTests
{
    [Fact]
    public void the_demo_tells_every_chapter_and_writes_the_final_state_with_the_four_lrts()
    {
        var output = Cli.Scratch("state.json", "");
        var r = Cli.Run("demo", "--output", output);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("", r.Err);
        foreach (var chapter in new[] { "Stage 1, June 2023", "Stage 2, April 2024", "Stage 3, April 2025", "Alice leaves", "Liquid restaking", "EigenDA slashes chorus" })
        {
            Assert.Contains(chapter, r.Out, StringComparison.Ordinal);
        }
        Assert.Contains("refused as it should be: deposit → BalanceExceedsMaxTotalDeposits", r.Out, StringComparison.Ordinal);

        // The state file is the scenario runner's document: the four LRTs, and each one's rate is its NAV over its supply.
        var lrts = JsonNode.Parse(File.ReadAllText(output))!["lrts"]!.AsObject();
        Assert.Equal(["eETH", "ezETH", "pufETH", "rsETH"], lrts.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        foreach (var (name, lrt) in lrts)
        {
            Assert.Matches($@"│ {name} +│ \w+ +│", r.Out);
            Assert.NotEqual("0", (string?)lrt!["supply"]);
        }
        // chorus, the operator EigenDA slashes, serves pufETH, rsETH and ezETH but not eETH (scenarios/lrt-slash.yaml checks the losses to the wei).
        foreach (var name in new[] { "pufETH", "rsETH", "ezETH" })
        {
            Assert.Contains("chorus", lrts[name]!["operators"]!.AsObject().Select(kv => kv.Key));
        }
        Assert.DoesNotContain("chorus", lrts["eETH"]!["operators"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal("claimed", (string?)lrts["ezETH"]!["withdrawals"]!["pete-exit"]!["status"]);
    }
}
