using CsCheck;
using Restake.Marketplace;
using Restake.Primitives;
using Restake.Scenarios;

namespace Restake.Marketplace.Tests;

/// <summary>Random small markets: the agents' rules hold for any seed and any parameters in range.</summary>
public class PropertyTests
{
    private static UInt256 Eth(long whole) => (UInt256)(ulong)whole * (UInt256)1_000_000_000_000_000_000UL;

    /// <summary>A random market built from one seed: epochs of 1 or 2 days, 1-3 AVSs, 2-4 operators, 2-4 restakers (one maybe through an LRT), delays up to 3 epochs, risky or not, shocks or not, points or not.</summary>
    private static MarketFile RandomMarket(long seed)
    {
        var rng = new SplitMix64(seed);
        int Int(int lo, int hi) => lo + (int)(rng.Next() % (ulong)(hi - lo + 1));
        double Real(double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());
        var epochs = Int(6, 10);
        var days = Int(1, 2);
        var bpe = 7200L * days;
        var avss = Enumerable.Range(0, Int(1, 3)).Select(i => new AvsAgent($"avs{i}", $"T{i}", Real(0.001, 0.01), Eth(Int(500, 2000)), Eth(Int(0, 6000)),
            rng.Next() % 4 == 0 ? Real(0.05, 0.3) : Real(0, 0.02), rng.Next() % 4 == 0 ? Wad.Unit : (UInt256)(ulong)(Real(0.01, 1) * 1e18), Int(3000, 9000), Real(0, 3000), Real(0, 3000), i == 0 ? 0 : Int(0, epochs - 1))).ToList();
        var operators = Enumerable.Range(0, Int(2, 4)).Select(i => new OperatorAgent($"op{i}", Eth(Int(0, 800)), Real(0, 0.05), Real(0.2, 3), Int(0, 3000), Real(0.05, 1),
            (uint)(Int(0, 4) * bpe / 2))).ToList();
        var lrts = rng.Next() % 2 == 0 ? [new LrtSpec("ezETH", "renzo", [operators[0].Name, operators[^1].Name])] : new List<LrtSpec>();
        var restakers = Enumerable.Range(0, Int(2, 4)).Select(i => new RestakerAgent($"r{i}", Eth(Int(1, 4000)),
            i == 0 && lrts.Count > 0 ? null : (rng.Next() % 2 == 0 ? operators[Int(0, operators.Count - 1)].Name : null),
            i == 0 && lrts.Count > 0 ? "ezETH" : null, Int(1, 3), Int(1, 40))).ToList();
        var shocks = rng.Next() % 2 == 0
            ? [new Shock(Int(0, epochs - 1), avss[^1].Name, Real(0, 0.5), null), new Shock(Int(0, epochs - 1), avss[0].Name, null, rng.Next() % 3 == 0 ? Wad.Unit : (UInt256)(ulong)(Real(0.01, 0.5) * 1e18))]
            : new List<Shock>();
        var points = rng.Next() % 3 == 0 ? new PointsSpec(1, Int(1, epochs - 1), 0.0001) : null;
        var p = new MarketParams(Int(0, 6) * bpe / 2, Int(0, 6) * bpe / 2, 12, "2024-04-09T00:00:00Z");
        return new MarketFile($"random {seed}", seed, epochs, days, p, "stETH", avss, operators, restakers, lrts, shocks, points, null);
    }

    [Fact]
    public void agents_never_issue_a_command_the_engine_rejects_and_every_run_replays_and_pays_its_budgets()
    {
        int runs = 0, allocating = 0, deallocating = 0, slashed = 0, moved = 0;
        Gen.Long.Sample(seed =>
        {
            var file = RandomMarket(seed);
            // A refused command throws MarketRunException: no agent ever asks for an allocation (or anything) the engine rejects.
            var run = MarketRun.Run(file);
            runs++;
            allocating += run.Changes.Any(c => c.To > c.From) ? 1 : 0;
            deallocating += run.Changes.Any(c => c.To < c.From) ? 1 : 0;
            slashed += run.Decisions.Any(d => d.Text.StartsWith("slashes", StringComparison.Ordinal)) ? 1 : 0;
            moved += run.Decisions.Any(d => d.Text.StartsWith("leaves", StringComparison.Ordinal)) ? 1 : 0;
            var replay = ScenarioRunner.Run(ScenarioParser.Parse(run.CommandsYaml));
            Assert.True(replay.ExitCode == 0, replay.Failure);
            Assert.Equal(run.StateHash, StateDocument.Hash(replay.State()));
            var state = replay.Engine.State;
            foreach (var (token, spent) in run.BudgetsSpent)
            {
                var escrowed = state.Rewards.Submissions.Where(s => s.Token.Symbol == token).Aggregate(UInt256.Zero, (x, s) => x + s.Amount);
                Assert.Equal(spent, escrowed);
                Assert.True(run.RewardsEarned.GetValueOrDefault(token) <= spent);
            }
            // Unique stake: no operator's allocations ever exceed its max magnitude (checked on the final state, after every slash).
            foreach (var op in state.Operators.Values)
            {
                foreach (var os in op.Strategies)
                {
                    Assert.True(state.EncumberedMagnitude(os) <= os.MaxMagnitude);
                }
            }
        }, iter: 40, threads: 1);
        // The random markets exercise what the property is about: allocations up and down, slashes, restakers moving.
        Assert.True(runs >= 40 && allocating > 0 && deallocating > 0 && slashed > 0 && moved > 0,
            $"runs {runs}, allocating {allocating}, deallocating {deallocating}, slashed {slashed}, moved {moved}");
    }

    [Theory]
    [InlineData(1)] // restakers leave while the slash is fresh (their queued withdrawal is worth nothing)
    [InlineData(5)] // restakers review later and leave a fully slashed operator
    public void an_operator_slashed_to_nothing_loses_its_restakers_without_a_refused_command(int reviewEvery)
    {
        // One AVS slashes everything its operators allocated (fraction 1), and "all-in" allocated all of its stake.
        var text = """
            market:
              seed: 1
              epochs: 12
              params: { withdrawal_delay_blocks: 7200, deallocation_delay_blocks: 7200 }
              avss:
                - { name: da, token: T, token_price: "0.01", budget_per_epoch: "1000", required_stake: "100", slash_fraction: "1" }
              operators:
                - { name: all-in, stake: "10", risk_appetite: "100", concentration_limit: "1" }
                - { name: careful, stake: "10", risk_appetite: "0.5", concentration_limit: "0.5" }
              restakers:
                - { name: alice, stake: "100", operator: all-in, review_every: 1 }
                - { name: bob, stake: "100", operator: all-in, review_every: 1 }
              shocks:
                - { epoch: 2, avs: da, slash: "1" }
            """;
        var run = MarketRun.Run(MarketFile.Parse(text.Replace("review_every: 1", $"review_every: {reviewEvery}", StringComparison.Ordinal)));
        var replay = ScenarioRunner.Run(ScenarioParser.Parse(run.CommandsYaml));
        Assert.True(replay.ExitCode == 0, replay.Failure);
        Assert.Contains(run.Decisions, d => d.Agent == "alice" && d.Text.StartsWith("leaves all-in", StringComparison.Ordinal));
        var state = replay.Engine.State;
        Assert.Equal(0UL, state.Operators["all-in"].Strategies.Single().MaxMagnitude);
        Assert.Equal(run.StateHash, StateDocument.Hash(replay.State()));
    }
}
