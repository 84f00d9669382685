using System.Text.Json.Nodes;

namespace Restake.Scenarios.Tests;

/// <summary>`restake lrt report` as a user runs it: by default after the demo network (scenarios/seed-story.yaml), or after a scenario of theirs.</summary>
public class LrtReportCommandTests
{
    [Fact]
    public void the_comparison_lists_all_four_lrts_with_their_measures()
    {
        var r = Cli.Run("lrt", "report");
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var name in new[] { "eETH", "pufETH", "rsETH", "ezETH" })
        {
            Assert.Contains($"│ {name}", r.Out, StringComparison.Ordinal);
        }
        foreach (var column in new[] { "HHI", "Nakamoto", "slashable / NAV", "realized APR" })
        {
            Assert.Contains(column, r.Out, StringComparison.Ordinal);
        }
        // In the demo eETH restakes 64 ETH through each of its two operators' pods (nd0's other 32 ETH wait idle and
        // count for no operator): HHI 5,000, and one operator alone holds more than a third.
        Assert.Matches(@"│ eETH .*│ 5000 +│ 1 ", r.Out);
    }

    [Fact]
    public void a_scenario_of_ones_own_replaces_the_demo_network()
    {
        var r = Cli.Run("lrt", "report", "--scenario", Repo.PathOf("scenarios", "lrt-network.yaml"));
        Assert.True(r.ExitCode == 0, r.Err);
        // lrt-network.yaml's eETH has three operators holding a third each: HHI 3,333 and it takes two of them to pass a third.
        Assert.Matches(@"│ eETH .*│ 3333 +│ 2 ", r.Out);
    }

    [Fact]
    public void one_lrt_as_json_matches_the_state_document()
    {
        var r = Cli.Run("lrt", "report", "rsETH", "--json", "--scenario", Repo.PathOf("scenarios", "lrt-network.yaml"));
        Assert.True(r.ExitCode == 0, r.Err);
        var report = JsonNode.Parse(r.Out)!;
        var state = JsonNode.Parse(Cli.Run("run", Repo.PathOf("scenarios", "lrt-network.yaml"), "--json").Out)!["lrts"]!["rsETH"]!;
        Assert.Equal("rsETH", (string?)report["lrt"]);
        Assert.Equal("kelp", (string?)report["preset"]);
        foreach (var field in new[] { "supply", "total_value_eth", "accounted_value_eth", "rate" })
        {
            Assert.Equal((string?)state[field], (string?)report[field]);
        }
        // Concentration is over what each operator holds restaked; with nothing idle or queued that is the state's operator values.
        var operators = report["concentration"]!["operators"]!.AsArray();
        Assert.Equal(5, operators.Count);
        foreach (var o in operators)
        {
            Assert.Equal((string?)state["operators"]![(string)o!["operator"]!], (string?)o["restaked_eth"]);
        }
        var hhi = (long)report["concentration"]!["hhi"]!;
        Assert.InRange(hhi, 2_000, 10_000); // five operators: at least 10,000/5
        // The 30 % cap holds (deposits are split to keep it), so no single operator passes a third.
        Assert.Equal(2, (int)report["concentration"]!["nakamoto"]!);
        Assert.InRange((long)report["concentration"]!["top_share"]!["bps"]!, 1, 3_000);
        Assert.Equal("p2p", (string?)report["concentration"]!["top_operator"]);
        // Every set that can slash rsETH's operators is listed; the sum stays within NAV (allocations are unique stake).
        var sets = report["avs_exposure"]!["sets"]!.AsArray().Select(s => (string?)s!["set"]).ToList();
        Assert.Equal(["eigenda/0", "eoracle/0", "lagrange/0"], sets);
        Assert.InRange((long)report["avs_exposure"]!["share_of_nav"]!["bps"]!, 1, 10_000);
        // The treasury's rsETH is the fee: 10 % of the rise, so positive after the month's rewards.
        Assert.Equal("kelp:treasury", ((JsonObject)state["holders"]!).Select(kv => kv.Key).Single(k => k.Contains("treasury", StringComparison.Ordinal)));
        Assert.NotEqual("0", (string?)report["yield"]!["fees_eth"]);
        Assert.True((double)report["yield"]!["annualized"]!["value"]! > 0);
        Assert.Equal(100_800, (long)report["liquidity"]!["withdrawal_delay_blocks"]!);
        Assert.StartsWith("not recorded here", (string?)report["facts"]!["audits"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/Kelp-DAO/LRT-rsETH", (string?)report["facts"]!["repository"]);
    }

    [Fact]
    public void an_unknown_lrt_is_one_line_naming_the_known_ones()
    {
        var r = Cli.Run("lrt", "report", "stETH");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("restake lrt report: no LRT named 'stETH' (known: eETH, ezETH, pufETH, rsETH)", r.Err.Trim());
    }
}
