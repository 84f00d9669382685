using Restake.Marketplace;
using Restake.Primitives;
using Restake.Scenarios;

namespace Restake.Marketplace.Tests;

public class MarketRunTests
{
    public static TheoryData<string> Examples => ["quiet", "launch", "shock"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void replaying_the_commands_with_restake_run_reaches_the_same_state(string name)
    {
        var run = Runs.Of(name);
        var replay = ScenarioRunner.Run(ScenarioParser.Parse(run.CommandsYaml));
        Assert.True(replay.ExitCode == 0, replay.Failure);
        Assert.Equal(run.StateJson, StateDocument.ToJson(replay.State()));
        Assert.Equal(run.StateHash, StateDocument.Hash(replay.State()));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void the_same_seed_gives_the_same_report_bytes(string name)
    {
        var again = MarketRun.Run(Runs.Load(name));
        var first = MarketReport.TextFiles(Runs.Of(name), MarketSummary.Of(Runs.Of(name)));
        var second = MarketReport.TextFiles(again, MarketSummary.Of(again));
        Assert.Equal(first.Keys, second.Keys);
        foreach (var (file, text) in first)
        {
            Assert.True(text == second[file], $"{file} differs between two runs of the same seed");
        }
    }

    [Fact]
    public void another_seed_draws_other_slashes()
    {
        // The shock market's 5 % slash probability makes the draws matter: two seeds, two histories.
        var file = Runs.Load("shock");
        var other = MarketRun.Run(file with { Seed = file.Seed + 1 });
        Assert.NotEqual(Runs.Of("shock").StateHash, other.StateHash);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void every_budget_spent_is_escrowed_and_paid_out_but_for_rounding_dust(string name)
    {
        var run = Runs.Of(name);
        var replay = ScenarioRunner.Run(ScenarioParser.Parse(run.CommandsYaml));
        var submissions = replay.Engine.State.Rewards.Submissions;
        foreach (var (token, spent) in run.BudgetsSpent)
        {
            // What the agents say they spent is what the coordinator escrowed, to the wei.
            var escrowed = submissions.Where(s => s.Token.Symbol == token).Aggregate(UInt256.Zero, (x, s) => x + s.Amount);
            Assert.Equal(spent, escrowed);
            // Every day of every submission is calculated; floor rounding never pays more. A staker's share is a proportion
            // floored to 15 decimals (docs/rewards-calculation.md, P15), so each payout loses less than 10^-15 of the day's
            // amount plus one wei: the dust stays under payouts × (spent/10^15 + 1).
            var earned = run.RewardsEarned[token];
            Assert.True(earned <= spent);
            var payouts = replay.Rewards.Calculator.Payouts.Count(p => p.Token == token);
            var bound = (UInt256)(ulong)payouts * ((spent / (UInt256)1_000_000_000_000_000UL) + 1);
            Assert.True(spent - earned <= bound, $"{token}: dust {spent - earned} for {payouts} payouts (bound {bound})");
            // And the calculation's own record adds up to what the distribution says was earned.
            var recorded = replay.Rewards.Calculator.Payouts.Where(p => p.Token == token).Aggregate(System.Numerics.BigInteger.Zero, (x, p) => x + p.Amount);
            Assert.Equal((System.Numerics.BigInteger)earned, recorded);
            // The AVSs minted exactly what they submitted: nothing left on their balances.
            foreach (var avs in run.File.Avss.Where(a => a.Token == token))
            {
                Assert.True(replay.Engine.State.BalanceOf(avs.Name, token).IsZero);
            }
        }
        Assert.NotEmpty(run.BudgetsSpent);
    }

    [Fact]
    public void a_new_avs_reaches_its_required_stake_and_both_bootstrapping_routes_are_reported()
    {
        var run = Runs.Of("launch");
        var summary = MarketSummary.Of(run);
        var dex = summary.Avss.Single(a => a.Avs == "newdex");
        Assert.NotNull(dex.EpochsToRequiredStake);
        // Nothing before launch: the first live epoch is the launch epoch, and the cost is what it paid up to reaching the stake.
        var rows = run.Avs.Where(a => a.Avs == "newdex" && a.Live).OrderBy(a => a.Epoch).ToList();
        Assert.Equal(8, rows[0].Epoch);
        Assert.True(rows[dex.EpochsToRequiredStake!.Value - 1].SlashableEth >= dex.RequiredStakeEth);
        Assert.All(rows.Take(dex.EpochsToRequiredStake.Value - 1), r => Assert.True(r.SlashableEth < dex.RequiredStakeEth));
        Assert.Equal(rows.Take(dex.EpochsToRequiredStake.Value).Sum(r => r.PaidEth), dex.CostToRequiredStakeEth, 9);
        Assert.True(dex.CostToRequiredStakeEth > 0);

        var routes = summary.Bootstrap!;
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.NotNull(r.EpochsToTarget));
        // The elevator: restaked security reaches the target sooner than recruiting a validator set for a new token.
        Assert.True(routes[0].EpochsToTarget < routes[1].EpochsToTarget);
        var markdown = summary.Markdown(1);
        Assert.Contains("restaked security (this run)", markdown, StringComparison.Ordinal);
        Assert.Contains("own token and validator set", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void after_the_shock_operators_deallocate_no_faster_than_the_deallocation_delay_and_the_margin_falls()
    {
        var run = Runs.Of("shock");
        var file = run.File;
        const int shock = 10;
        var leaving = run.Changes.Where(c => c.Avs == "risky" && c.Epoch >= shock && c.To < c.From).ToList();
        Assert.NotEmpty(leaving);
        foreach (var c in leaving)
        {
            // A slashable allocation stays slashable for DEALLOCATION_DELAY blocks (AllocationManager): effect = issue + delay + 1.
            Assert.Equal(c.Block + file.Params.DeallocationDelayBlocks + 1, c.EffectBlock);
            // In force until then: an epoch that ended before the effect block still shows the old magnitude; from it on, the new one.
            var blocksPerEpoch = file.BlocksPerEpoch;
            foreach (var snap in run.Allocations.Where(a => a.Operator == c.Operator && a.Avs == "risky" && a.Epoch >= c.Epoch))
            {
                var epochEndBlock = 1 + ((snap.Epoch + 1) * blocksPerEpoch);
                if (epochEndBlock < c.EffectBlock)
                {
                    Assert.True(snap.Effective > 0, $"{c.Operator} epoch {snap.Epoch}: allocation gone before the delay ran out");
                }
                else if (c.To == 0 && !run.Changes.Any(x => x.Operator == c.Operator && x.Avs == "risky" && x.Epoch > c.Epoch && x.Epoch <= snap.Epoch))
                {
                    Assert.Equal(0, snap.Effective);
                }
            }
        }
        var margins = run.Avs.Where(a => a.Avs == "risky").OrderBy(a => a.Epoch).ToList();
        Assert.True(margins[^1].MarginEth < margins[shock - 1].MarginEth);
        Assert.True(margins[^1].SlashableEth < margins[shock - 1].SlashableEth);
        // The charts the acceptance asks for.
        var dir = Path.Combine(Path.GetTempPath(), "restake-market-tests", Guid.NewGuid().ToString("N"));
        var written = MarketReport.Write(run, MarketSummary.Of(run), dir);
        Assert.Contains(Path.Combine(dir, "margins.png"), written);
        Assert.Contains(Path.Combine(dir, "allocations-risky.svg"), written);
        Assert.True(new FileInfo(Path.Combine(dir, "margins.png")).Length > 0);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void points_accrue_before_the_switch_and_payments_after()
    {
        var run = Runs.Of("quiet");
        var paidFrom = run.File.Points!.PaidFromEpoch;
        Assert.All(run.Avs.Where(a => a.Epoch < paidFrom), a => Assert.True(a.PaidTokens.IsZero));
        Assert.Contains(run.Avs, a => a.Epoch >= paidFrom && !a.PaidTokens.IsZero);
        var alice = run.Earners.Where(e => e.Earner == "alice").OrderBy(e => e.Epoch).ToList();
        // 3000 ETH × 1 day × 1 point per ETH-day for each of the points epochs, then no more points.
        Assert.Equal(3000.0 * paidFrom, alice[^1].Points, 6);
        Assert.Equal(alice[paidFrom - 1].Points, alice[^1].Points);
        var summary = MarketSummary.Of(run).Points!.Single(p => p.Earner == "alice");
        Assert.Equal(3000.0 * paidFrom * run.File.Points.EthPerPoint, summary.PromisedEth, 9);
        Assert.True(summary.DeliveredEth > 0);
        // The engine sat in stage 2 until the switch.
        Assert.Contains("set_stage: { stage: 3 }", run.CommandsYaml, StringComparison.Ordinal);
    }
}
