using Restake.Lrt.OnEngine;
using Restake.Lrt.Report;
using Restake.Primitives;
using Restake.Protocol;
using static Restake.Lrt.Tests.U;

namespace Restake.Lrt.Tests.Report;

/// <summary>AVS exposure, liquidity and yield of one LRT on a tiny engine network, checked against the engine by hand.</summary>
public class ExposureTests
{
    private static UInt256 Mag(ulong tenths) => E * tenths / 10UL;

    /// <summary>
    /// op allocates 0.6 of its WETH to da/0 and 0.3 to oracle/0; op2 allocates all of it to da/0. eETH puts 50 WETH
    /// with each; bob delegates 50 WETH of his own to op, so op holds 100 and eETH owns half of it.
    /// </summary>
    private static (Engine Engine, LrtBook Book) Network()
    {
        var engine = new Engine(new ProtocolParams { WithdrawalDelayBlocks = 50, DeallocationDelayBlocks = 50, AllocationConfigurationDelayBlocks = 75 });
        var book = new LrtBook();
        void Must(Command c) => Assert.True(engine.Execute(c).Accepted, $"{c} was refused");
        void Do(LrtAction a) => Assert.True(book.Perform(engine, a).Accepted, $"{a} was refused");
        Must(new AddToken("WETH", 18));
        Must(new AddStrategy("WETH"));
        Must(new RegisterAvs("da"));
        Must(new CreateOperatorSet("da", 0, ["WETH"]));
        Must(new RegisterAvs("oracle"));
        Must(new CreateOperatorSet("oracle", 0, ["WETH"]));
        foreach (var op in new[] { "op", "op2" })
        {
            Must(new RegisterOperator(op));
            Must(new RegisterForSets(op, "da", [0]));
        }
        Must(new RegisterForSets("op", "oracle", [0]));
        Must(new Allocate("op", "da", 0, "WETH", Mag(6)));
        Must(new Allocate("op", "oracle", 0, "WETH", Mag(3)));
        Must(new Allocate("op2", "da", 0, "WETH", E));
        Must(new Roll(1));
        Do(new LrtCreate("eETH", LrtPreset.EtherFi, ["op", "op2"], [new LrtAssetConfig("WETH", E)], DelegationPolicy.Equal, UInt256.Zero));
        Do(new LrtDeposit("eETH", "alice", "WETH", Eth(50), MintShortfall: true));
        Do(new LrtDeposit("eETH", "carol", "WETH", Eth(50), MintShortfall: true));
        Must(new Deposit("bob", "WETH", Eth(50), MintShortfall: true));
        Must(new DelegateTo("bob", "op"));
        return (engine, book);
    }

    [Fact]
    public void exposure_is_the_node_delegators_part_of_each_operators_slashable_stake()
    {
        var (engine, book) = Network();
        var s = engine.State;
        var v = book.Vaults["eETH"];
        Assert.Equal(Eth(100), s.Operators["op"].Find(s.Strategies["WETH"])!.Shares); // 50 eETH/nd0 + 50 bob
        Assert.Equal(Eth(50), LrtReport.Restaked(s, v, v.Nodes[0]));
        Assert.Equal(Eth(50), LrtReport.Restaked(s, v, v.Nodes[1]));

        var report = LrtReport.Build(s, v, null);
        var da = report.Exposure.Single(e => e.Set == "da/0");
        var oracle = report.Exposure.Single(e => e.Set == "oracle/0");
        // da/0 can slash op's 100·0.6 = 60 (eETH's half: 30) and op2's 50·1 = 50 (all eETH's): 80 of NAV 100.
        var daOp = da.Lines.Single(l => l.Operator == "op");
        Assert.Equal(Eth(60), daOp.OperatorSlashableShares);
        Assert.Equal(s.SlashableStake(s.Operators["op"], s.OperatorSetByKey("da/0")!, s.Strategies["WETH"]), daOp.OperatorSlashableShares);
        Assert.Equal(Eth(30), daOp.LrtShares);
        Assert.Equal(Eth(50), da.Lines.Single(l => l.Operator == "op2").ValueEth);
        Assert.Equal(Eth(80), da.ValueEth);
        Assert.Equal(8_000, da.ShareOfNav.Bps);
        // oracle/0: op's 100·0.3 = 30, eETH's half is 15.
        Assert.Equal(Eth(15), oracle.ValueEth);
        // Allocations are unique stake (magnitudes add up to at most 1), so the sum is at most the restaked value.
        Assert.Equal(Eth(95), report.SlashableEth);
        Assert.Equal(9_500, report.SlashableShareOfNav.Bps);
        Assert.True(report.SlashableEth <= report.Liquidity.RestakedEth);

        // A slash by da/0 of 10 % takes exactly eETH's exposure times 10 % from its NAV (30 + 50 → 8 ETH).
        Assert.True(engine.Execute(new Slash("da", 0, "op", [new SlashStrategy("WETH", Mag(1))])).Accepted);
        Assert.True(engine.Execute(new Slash("da", 0, "op2", [new SlashStrategy("WETH", Mag(1))])).Accepted);
        Assert.Equal(Eth(92), v.Nav(s));
    }

    [Fact]
    public void concentration_liquidity_and_yield_come_from_the_engine()
    {
        var (engine, book) = Network();
        var s = engine.State;
        var v = book.Vaults["eETH"];
        var history = new RateHistory();
        history.Observe(s, book);
        var start = history.First["eETH"];
        Assert.Equal(E, start.Rate);

        // Rewards: 1 WETH donated to the strategy, shared by its 150 shares (plus 1e3 virtual); a report lifts eETH 25 bps.
        Assert.True(engine.Execute(new Donate("WETH", Eth(1))).Accepted);
        Assert.True(engine.Execute(new Roll(50)).Accepted);
        Assert.True(book.Perform(engine, new LrtOracleReport("eETH")).Accepted);
        // Two equal operators: HHI = 2·50² = 5,000; either one holds 50 % > 1/3, so Nakamoto = 1.
        var even = LrtReport.Build(s, v, start).Concentration;
        Assert.Equal(5_000, even.Hhi);
        Assert.Equal(1, even.Nakamoto);
        Assert.Equal(5_000, even.TopShare.Bps);

        // A withdrawal request queues engine withdrawals from nd0: that value leaves op's restaked part for the queue.
        Assert.True(book.Perform(engine, new LrtRequestWithdrawal("eETH", "alice", Eth(10), "w1")).Accepted);
        history.Observe(s, book);
        var r = LrtReport.Build(s, v, history.First["eETH"]);
        Assert.Equal("op2", r.Concentration.TopOperator);
        Assert.True(r.Liquidity.EngineQueueEth >= Eth(10));
        Assert.Equal(r.Nav, r.Liquidity.RestakedEth + r.Liquidity.EngineQueueEth + r.Liquidity.IdleEth);
        Assert.Equal(1, r.Liquidity.PendingRequests);
        Assert.Equal(Eth(10), r.Liquidity.PendingLrt);
        Assert.Equal(v.Withdrawals["w1"].ValueAtRequest, r.Liquidity.PendingValueEth);
        Assert.Equal(50, r.Liquidity.DelayBlocks);
        // Rate 1 → 1.0025 over 50 blocks of 12 s: growth 25 bps; annualized 0.0025·31,536,000/600 = 131.4 = 1,314,000 bps.
        Assert.Equal(E + E / 400UL, r.Rate);
        Assert.Equal(25, r.Yield.Growth.Bps);
        Assert.Equal(1_314_000, r.Yield.Annualized.Bps);
        Assert.Equal(UInt256.Zero, r.Yield.FeesEth); // eETH charges no fee on the engine yet
    }
}
