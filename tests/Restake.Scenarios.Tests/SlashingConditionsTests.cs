using System.Numerics;
using Restake.Risk;

namespace Restake.Scenarios.Tests;

/// <summary>Slashing conditions as the last layer of the exposure graph, with numbers checked by hand.</summary>
public class SlashingConditionsTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);

    // p2p allocates a quarter of its WETH to eigenda/0. carol restakes 80 WETH with p2p directly; eETH's only node
    // delegator holds the 100 WETH alice (60) and bob (40) deposited. No rewards, so shares are ETH one to one.
    private const string Network = """
        name: "a restaker and an LRT on one operator with a quarter allocated"
        tokens: [ { symbol: WETH } ]
        strategies: [ { token: WETH } ]
        steps:
          - register_operator: { operator: p2p }
          - register_avs: { avs: eigenda }
          - create_operator_set: { avs: eigenda, set: 0, strategies: [WETH] }
          - register_for_sets: { operator: p2p, avs: eigenda, sets: [0] }
          - allocate: { operator: p2p, avs: eigenda, set: 0, strategy: WETH, magnitude: "0.25" }
          - roll: { blocks: 1 }
          - mint: { to: carol, token: WETH, amount: "80" }
          - deposit: { staker: carol, strategy: WETH, amount: "80" }
          - delegate: { staker: carol, operator: p2p }
          - create_lrt: { lrt: eETH, preset: etherfi, operators: [p2p], assets: [WETH] }
          - lrt_deposit: { lrt: eETH, user: alice, asset: WETH, amount: "60" }
          - lrt_deposit: { lrt: eETH, user: bob, asset: WETH, amount: "40" }
        """;

    private static RunResult Run()
    {
        var run = ScenarioRunner.Run(ScenarioParser.Parse(Network));
        Assert.True(run.Failure is null, run.Failure);
        return run;
    }

    // By hand: eigenda/0 can slash 80 · 0.25 = 20 ETH of carol and 100 · 0.25 = 25 ETH of eETH (alice 15, bob 10).
    // double-sign slashes all of it (10,000 bps) with 50 bps a year: carol 0.1, eETH 0.125, alice 0.075, bob 0.05 ETH.
    // liveness slashes 1 % (100 bps), no probability: carol 0.2, eETH 0.25, alice 0.15, bob 0.1 ETH.
    [Fact]
    public void each_holder_and_condition_gets_the_hand_computed_stake_and_expected_loss()
    {
        var run = Run();
        var rows = SlashingConditions.Of(run.Engine.State, run.Lrts,
            [new SlashingCondition("eigenda/0", "double-sign", 10_000, 50), new SlashingCondition("eigenda/0", "liveness", 100)]);
        var byKey = rows.ToDictionary(r => (r.Holder, r.Condition));
        Assert.Equal(8, rows.Count);
        Assert.Equal((20 * Eth, Eth / 10), (byKey[("carol", "double-sign")].AtStake, byKey[("carol", "double-sign")].ExpectedLoss!.Value));
        Assert.Equal((25 * Eth, Eth / 8), (byKey[("eETH", "double-sign")].AtStake, byKey[("eETH", "double-sign")].ExpectedLoss!.Value));
        Assert.Equal((15 * Eth, Eth * 75 / 1000), (byKey[("alice", "double-sign")].AtStake, byKey[("alice", "double-sign")].ExpectedLoss!.Value));
        Assert.Equal((10 * Eth, Eth / 20), (byKey[("bob", "double-sign")].AtStake, byKey[("bob", "double-sign")].ExpectedLoss!.Value));
        Assert.Equal(Eth / 5, byKey[("carol", "liveness")].AtStake);
        Assert.Equal(Eth / 4, byKey[("eETH", "liveness")].AtStake);
        Assert.Equal(Eth * 15 / 100, byKey[("alice", "liveness")].AtStake);
        Assert.Equal(Eth / 10, byKey[("bob", "liveness")].AtStake);
        Assert.All(rows.Where(r => r.Condition == "liveness"), r => Assert.Null(r.ExpectedLoss));
        Assert.Equal([HolderKind.Restaker], rows.Where(r => r.Holder == "carol").Select(r => r.Kind).Distinct());
        Assert.Equal([HolderKind.LrtHolder], rows.Where(r => r.Holder == "alice").Select(r => r.Kind).Distinct());
        // eETH's node delegator is the LRT's stake, listed once as the LRT and not again as a restaker.
        Assert.DoesNotContain(rows, r => run.Lrts.Vaults["eETH"].Nodes.Any(n => n.Name == r.Holder));
        // Largest first.
        Assert.Equal(rows.Select(r => r.AtStake).OrderDescending(), rows.Select(r => r.AtStake));
    }

    // 3,333 bps of carol's 20 ETH is 6.666 ETH exactly; 1 bps a year of that is 666.6 µETH, exact too. The LRT's part
    // is taken first (⌊25 ETH · 3,333 / 10,000⌋ = 8.3325 ETH) and then split pro rata, so alice gets 60 % of it.
    [Fact]
    public void amounts_are_exact_in_base_units_and_lrt_holders_split_the_lrts_amount()
    {
        var run = Run();
        var rows = SlashingConditions.Of(run.Engine.State, run.Lrts, [new SlashingCondition("eigenda/0", "third", 3_333, 1)]);
        var carol = rows.Single(r => r.Holder == "carol");
        Assert.Equal(6_666 * Eth / 1_000, carol.AtStake);
        Assert.Equal(6_666 * Eth / 10_000_000, carol.ExpectedLoss);
        Assert.Equal(new BigInteger(8_332_500_000_000_000_000m) * 60 / 100, rows.Single(r => r.Holder == "alice").AtStake);
    }

    [Theory]
    [InlineData("nosuch/0", "x", 100, null, "UnknownOperatorSet")]
    [InlineData("eigenda/0", "x", 0, null, "MaxBpsOutOfRange")]
    [InlineData("eigenda/0", "x", 10_001, null, "MaxBpsOutOfRange")]
    [InlineData("eigenda/0", "x", 100, 10_001, "ProbabilityOutOfRange")]
    [InlineData("eigenda/0", " ", 100, null, "EmptyConditionName")]
    public void bad_declarations_are_refused_by_name(string set, string name, int max, int? prob, string code)
    {
        var run = Run();
        var e = Assert.Throws<RiskModelException>(() => SlashingConditions.Of(run.Engine.State, run.Lrts, [new SlashingCondition(set, name, max, prob)]));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void a_condition_named_twice_for_one_set_is_refused_but_the_same_name_on_another_set_is_not()
    {
        var run = Run();
        var e = Assert.Throws<RiskModelException>(() => SlashingConditions.Of(run.Engine.State, run.Lrts,
            [new SlashingCondition("eigenda/0", "x", 100), new SlashingCondition("eigenda/0", "x", 200)]));
        Assert.Equal("DuplicateCondition", e.Code);
        var r = Cli.Run("risk", "--condition", "eigenda/0=x:100", "--condition", "eigenda/0=x:200");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("restake risk: --condition 'eigenda/0=x:200': eigenda/0 already has a condition named x", r.Err.Trim());
    }

    [Fact]
    public void restake_risk_prints_the_condition_table_sorted_by_amount_and_in_json()
    {
        var path = Cli.Scratch("network.yaml", Network);
        var r = Cli.Run("risk", path, "--time-limit", "5", "--condition", "eigenda/0=double-sign:10000:50", "--condition", "eigenda/0=liveness:100");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Slashing conditions", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ eETH +│ LRT +│ eigenda/0 +│ double-sign +│ 25\.00 +│ 0\.1[23] +│", r.Out);
        Assert.Matches(@"│ carol +│ restaker +│ eigenda/0 +│ liveness +│ 0\.20 +│ – +│", r.Out);
        Assert.True(r.Out.IndexOf("│ eETH ", StringComparison.Ordinal) < r.Out.IndexOf("│ carol ", StringComparison.Ordinal), "sorted by amount");

        var j = Cli.Run("risk", path, "--time-limit", "5", "--condition", "eigenda/0=double-sign:10000:50", "--json");
        Assert.True(j.ExitCode == 0, j.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(j.Out);
        var first = doc.RootElement.GetProperty("conditionExposure")[0];
        Assert.Equal("eETH", first.GetProperty("holder").GetString());
        Assert.Equal((25 * Eth).ToString(System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("atStakeWei").GetString());
        Assert.Equal((Eth / 8).ToString(System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("expectedLossWeiPerYear").GetString());
        Assert.True(doc.RootElement.GetProperty("mostProfitableAttack").GetProperty("result").TryGetProperty("proven", out _));
    }

    [Theory]
    [InlineData("nosuch/0=x:5", "give SET=NAME:MAX_BPS[:PROB_BPS] with SET one of eigenda/0")]
    [InlineData("eigenda/0=x:0", "MAX_BPS is a whole number of bps, 1–10,000")]
    [InlineData("eigenda/0=x:10001", "MAX_BPS is a whole number of bps, 1–10,000")]
    [InlineData("eigenda/0=x:5:10001", "PROB_BPS is a whole number of bps a year, 0–10,000")]
    [InlineData("eigenda/0=x", "with a non-empty NAME")]
    public void a_bad_condition_is_one_line_and_exit_2(string condition, string why)
    {
        var r = Cli.Run("risk", "--condition", condition);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"restake risk: --condition '{condition}': ", r.Err.Trim(), StringComparison.Ordinal);
        Assert.Contains(why, r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}
