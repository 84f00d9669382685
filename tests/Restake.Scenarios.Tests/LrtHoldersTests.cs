using System.Numerics;
using Restake.Risk;

namespace Restake.Scenarios.Tests;

/// <summary>LRTs and their holders in the exposure graph, with numbers checked by hand.</summary>
public class LrtHoldersTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);

    private static RunResult Run(string yaml)
    {
        var run = ScenarioRunner.Run(ScenarioParser.Parse(yaml));
        Assert.True(run.Failure is null, run.Failure);
        return run;
    }

    // One operator allocates a quarter of its WETH to eigenda/0; eETH's only node delegator holds the 100 WETH
    // alice (60) and bob (40) deposited. By hand: eigenda/0 can slash 100 · 0.25 = 25 ETH of eETH, 25 % of its NAV;
    // alice's part is 25 · 60/100 = 15 ETH and bob's 25 · 40/100 = 10 ETH. No rewards, so shares are ETH one to one.
    [Fact]
    public void a_quarter_allocation_exposes_a_quarter_of_the_lrt_pro_rata()
    {
        var run = Run("""
            name: "eETH on one operator with a quarter allocated"
            tokens: [ { symbol: WETH } ]
            strategies: [ { token: WETH } ]
            steps:
              - register_operator: { operator: p2p }
              - register_avs: { avs: eigenda }
              - create_operator_set: { avs: eigenda, set: 0, strategies: [WETH] }
              - register_for_sets: { operator: p2p, avs: eigenda, sets: [0] }
              - allocate: { operator: p2p, avs: eigenda, set: 0, strategy: WETH, magnitude: "0.25" }
              - roll: { blocks: 1 }
              - create_lrt: { lrt: eETH, preset: etherfi, operators: [p2p], assets: [WETH] }
              - lrt_deposit: { lrt: eETH, user: alice, asset: WETH, amount: "60" }
              - lrt_deposit: { lrt: eETH, user: bob, asset: WETH, amount: "40" }
            """);
        var sets = LrtHolders.Sets(run.Engine.State, run.Lrts);
        var e = Assert.Single(sets);
        Assert.Equal(("eETH", "eigenda/0"), (e.Lrt, e.OperatorSet));
        Assert.Equal(25 * Eth, e.Slashable);
        Assert.Equal(100 * Eth, e.Nav);
        var holders = LrtHolders.Holders(run.Engine.State, run.Lrts).ToDictionary(h => h.Holder, h => h.Slashable);
        Assert.Equal(15 * Eth, holders["alice"]);
        Assert.Equal(10 * Eth, holders["bob"]);
    }

    // scenarios/lrt-network.yaml: eETH holds only WETH on p2p, figment and kiln. lagrange/0 takes stETH and rETH only,
    // so it can slash nothing of eETH; eoracle/0 reaches eETH only through p2p's 30 % WETH allocation, so it can slash
    // 3/10 of the WETH value of eETH's node delegator at p2p. Every holder's part is its share of the supply.
    [Fact]
    public void on_the_lrt_network_eeth_is_exposed_where_the_allocations_say()
    {
        var run = Run(File.ReadAllText(Repo.PathOf("scenarios", "lrt-network.yaml")));
        var s = run.Engine.State;
        var sets = LrtHolders.Sets(s, run.Lrts).Where(e => e.Lrt == "eETH").ToDictionary(e => e.OperatorSet);
        Assert.False(sets.ContainsKey("lagrange/0"));
        var vault = run.Lrts.Vaults["eETH"];
        var node = vault.Nodes.Single(n => n.Operator == "p2p");
        var weth = s.Strategies["WETH"];
        var position = s.Stakers[node.Name].Find(weth)!;
        var value = (BigInteger)weth.SharesToUnderlying(s.WithdrawableShares(s.Stakers[node.Name], position));
        // ⌊shares · 0.3⌋ in the engine's wad arithmetic, then to underlying: within a few wei of 3/10 of the value.
        Assert.InRange(sets["eoracle/0"].Slashable, (value * 3 / 10) - 10, (value * 3 / 10) + 10);
        var holders = LrtHolders.Holders(s, run.Lrts).Where(h => h.Lrt == "eETH" && h.OperatorSet == "eoracle/0").ToList();
        Assert.Equal(["alice", "bob", "carol", "dave"], holders.Select(h => h.Holder));
        var e = sets["eoracle/0"];
        Assert.All(holders, h => Assert.Equal(e.Slashable * h.Balance / e.Supply, h.Slashable));
        // The parts add up to the whole, less at most one wei per holder of rounding down.
        var sum = holders.Aggregate(BigInteger.Zero, (a, h) => a + h.Slashable);
        Assert.InRange(e.Slashable - sum, 0, holders.Count);
    }

    [Fact]
    public void restake_risk_prints_lrt_and_holder_exposure()
    {
        var r = Cli.Run("risk", Repo.PathOf("scenarios", "lrt-network.yaml"), "--time-limit", "5");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("LRT exposure", r.Out, StringComparison.Ordinal);
        Assert.Contains("LRT holders' exposure", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ alice +│ eETH +│ 100\.00 +│ eoracle/0 +│", r.Out);
    }
}
