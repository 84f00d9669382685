using Restake.Marketplace;
using Restake.Scenarios;

namespace Restake.Marketplace.Tests;

/// <summary>A market file can embed its starting network as plain scenario steps.</summary>
public class NetworkTests
{
    private const string Market = """
        name: "with a starting network"
        market:
          seed: 5
          epochs: 4
          params: { withdrawal_delay_blocks: 7200, deallocation_delay_blocks: 7200 }
          network:
            tokens: [ { symbol: rETH } ]
            strategies: [ { token: rETH } ]
            steps:
              - note: "a passive operator with a whale in rETH, then five hours pass"
              - register_operator: { operator: passive }
              - deposit: { staker: whale, strategy: rETH, amount: "100" }
              - delegate: { staker: whale, operator: passive }
              - warp: { by: "5h" }
          avss:
            - { name: da, token: EIGEN, token_price: "0.001", budget_per_epoch: "1000", required_stake: "100" }
          operators:
            - { name: op, stake: "50" }
          restakers:
            - { name: alice, stake: "100" }
        """;

    [Fact]
    public void the_network_steps_run_first_are_written_out_and_epochs_start_at_the_next_midnight()
    {
        var file = MarketFile.Parse(Market);
        Assert.Equal(4, file.Network.Steps.Count(s => s.Verb != "note"));
        var run = MarketRun.Run(file);
        Assert.Contains("  - register_operator: { operator: passive }", run.CommandsYaml, StringComparison.Ordinal);
        Assert.Contains("  - deposit: { staker: whale, strategy: rETH, amount: \"100\" }", run.CommandsYaml, StringComparison.Ordinal);
        Assert.Contains("  - { symbol: rETH }", run.CommandsYaml, StringComparison.Ordinal);
        var replay = ScenarioRunner.Run(ScenarioParser.Parse(run.CommandsYaml));
        Assert.True(replay.ExitCode == 0, replay.Failure);
        Assert.Equal(run.StateHash, StateDocument.Hash(replay.State()));
        // Genesis 2024-04-09 00:00, five hours of network steps: the first epoch is the next day, 2024-04-10.
        var first = replay.Engine.State.Rewards.Submissions.OrderBy(s => s.Start).First();
        Assert.Equal("2024-04-10T00:00:00Z", StateDocument.FormatTime(first.Start));
        Assert.Equal("100000000000000000000", replay.State()["stakers"]!["whale"]!["positions"]!["rETH"]!["deposit_shares"]!.GetValue<string>());
    }

    [Fact]
    public void a_refused_network_step_is_named()
    {
        var file = MarketFile.Parse(Market.Replace("delegate: { staker: whale, operator: passive }", "delegate: { staker: whale, operator: nobody }", StringComparison.Ordinal));
        var e = Assert.Throws<MarketRunException>(() => MarketRun.Run(file));
        Assert.StartsWith("network step 4: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void expectations_do_not_belong_in_the_network()
    {
        var e = Assert.Throws<ScenarioFileException>(() => MarketFile.Parse(Market.Replace("- warp: { by: \"5h\" }", "- expect: { path: block, equals: \"0\" }", StringComparison.Ordinal)));
        Assert.Contains("'expect' is not allowed here", e.Message, StringComparison.Ordinal);
    }
}
