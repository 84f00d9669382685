using System.Text.RegularExpressions;
using Restake.Marketplace;
using Restake.Scenarios;

namespace Restake.Marketplace.Tests;

/// <summary>The market file shown in docs/marketplace.md reads and runs, so the page cannot drift.</summary>
public partial class DocExampleTests
{
    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [Fact]
    public void the_documented_market_file_runs_and_replays()
    {
        var doc = File.ReadAllText(Path.Combine(Runs.Root, "docs", "marketplace.md"));
        var block = YamlBlock().Matches(doc).Select(m => m.Groups[1].Value).Single(b => b.Contains("\nmarket:", StringComparison.Ordinal));
        var run = MarketRun.Run(MarketFile.Parse(block));
        var replay = ScenarioRunner.Run(ScenarioParser.Parse(run.CommandsYaml));
        Assert.Equal(run.StateHash, StateDocument.Hash(replay.State()));
        Assert.NotNull(MarketSummary.Of(run).Bootstrap);
    }

    [Theory]
    [InlineData("name: x\nmarket:\n  avss: []\n", 3, "between 1 and 8 AVSs")]
    [InlineData("market:\n  colour: red\n  avss:\n    - { name: a, token: T, budget_per_epoch: \"1\" }\n  operators:\n    - { name: o }\n", 2, "unknown field 'colour'")]
    [InlineData("market:\n  params: { genesis_time: \"2024-04-09T10:00:00Z\" }\n", 2, "is a midnight")]
    [InlineData("market:\n  avss:\n    - { name: a, token: T, budget_per_epoch: \"1\" }\n  operators:\n    - { name: o }\n  restakers:\n    - { name: r, stake: \"1\", operator: nobody }\n", 7, "unknown operator 'nobody'")]
    [InlineData("market:\n  avss:\n    - { name: a, token: T, budget_per_epoch: \"1.5.2\" }\n", 3, "budget_per_epoch")]
    [InlineData("market:\n  avss:\n    - { name: a, token: T, budget_per_epoch: \"1\", slash_probability: \"2\" }\n", 3, "slash_probability is a number between 0 and 1")]
    [InlineData("steps: []\n", 1, "has a 'market' section")]
    public void a_bad_market_file_names_its_line_and_reason(string text, int line, string reason)
    {
        var e = Assert.Throws<ScenarioFileException>(() => MarketFile.Parse(text));
        Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
