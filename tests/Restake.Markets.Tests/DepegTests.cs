using Restake.Markets.Simulation;
using Restake.Primitives;

namespace Restake.Markets.Tests;

/// <summary>The ezETH replay and the depth sweep: the shape of the April 2024 event, not wall-clock figures.</summary>
public class DepegTests
{
    private static (DepegWorld World, DepegSummary Summary) Replay(EzEthReplay.Settings? settings = null)
    {
        var world = EzEthReplay.Build(settings);
        var start = world.Pool.Balance(DepegWorld.Weth);
        world.RunUntil(EzEthReplay.End);
        return (world, DepegSummary.Of(world, start, world.Markets[0].Name));
    }

    [Fact]
    public void the_replay_is_deterministic_for_a_seed()
    {
        var a = Replay().World.Timeline;
        var b = Replay().World.Timeline;
        Assert.Equal(a, b);
        var other = Replay(new EzEthReplay.Settings(Seed: 7)).World.Timeline;
        Assert.NotEqual(a, other);
    }

    /// <summary>
    /// The reference's shape: the oracle leaves the peg around 02:25, liquidations in the 0.86 market start within minutes and
    /// nearly all are done within half an hour (145 of 146 by 02:52:35), far more than in the lower-LLTV market beside it, and the
    /// Balancer pool's WETH falls from 4k toward 500.
    /// </summary>
    [Fact]
    public void liquidations_concentrate_in_the_first_minutes_in_the_high_lltv_market()
    {
        var (w, s) = Replay();
        Assert.NotNull(s.OracleBelowPeg);
        Assert.InRange(s.OracleBelowPeg!.Value - EzEthReplay.Start, 20 * 60, 30 * 60);
        Assert.NotNull(s.FirstLiquidation);
        Assert.InRange(s.FirstLiquidation!.Value - s.OracleBelowPeg.Value, 0, 10 * 60);
        var high = w.Liquidations.Where(l => l.Market == w.Markets[0].Name).ToList();
        var withinHalfHour = high.Count(l => l.Time <= s.FirstLiquidation.Value + 30 * 60);
        Assert.True(withinHalfHour * 10 >= high.Count * 9, $"{withinHalfHour} of {high.Count} within 30 minutes");
        Assert.True(s.LiquidationsHigh >= 3 * s.LiquidationsLow, $"high {s.LiquidationsHigh}, low {s.LiquidationsLow}");
        Assert.InRange((s.PoolWethMin * 100UL / s.PoolWethStart).ToDouble(), 5, 20);
    }

    /// <summary>
    /// Across harsher replays (more panic selling, liquidators with less room) bad debt appears, and only in minutes when the
    /// pool holds less than a fifth of the WETH it started with.
    /// </summary>
    [Theory]
    [InlineData(3_000UL, 3_500UL)]
    [InlineData(2_600UL, 3_500UL)]
    [InlineData(3_000UL, 4_000UL)]
    public void bad_debt_appears_only_when_the_pool_runs_dry(ulong panic, ulong inventory)
    {
        var (w, s) = Replay(new EzEthReplay.Settings(PanicEzEth: panic, LiquidatorInventory: inventory));
        Assert.NotNull(s.BadDebtFirstAt);
        var previous = UInt256.Zero;
        foreach (var minute in w.Timeline)
        {
            if (minute.BadDebt > previous)
            {
                Assert.True(minute.PoolWeth * 5UL < s.PoolWethStart, $"bad debt rose at {minute.Time} with {minute.PoolWeth} WETH in the pool");
            }
            previous = minute.BadDebt;
        }
    }

    /// <summary>Had withdrawals been open, redemption arbitrage would have bought the dip: a shallower depeg and far fewer liquidations.</summary>
    [Fact]
    public void open_withdrawals_let_arbitrage_cap_the_depeg()
    {
        var (_, shut) = Replay();
        var (_, open) = Replay(new EzEthReplay.Settings(WithdrawalsOpen: true));
        Assert.True(open.MinPoolPrice > shut.MinPoolPrice, $"{open.MinPoolPrice} vs {shut.MinPoolPrice}");
        Assert.True(open.LiquidationsHigh * 4 < shut.LiquidationsHigh, $"{open.LiquidationsHigh} vs {shut.LiquidationsHigh}");
    }

    /// <summary>The sweep: no bad debt without a depeg, bad debt from some depth on and never less at a deeper one, and it first appears only once the pool has run dry.</summary>
    [Fact]
    public void the_depth_sweep_finds_where_bad_debt_begins()
    {
        var points = DepegSweep.Run(stepBps: 1_000);
        Assert.Equal([0, 1_000, 2_000, 3_000, 4_000, 5_000], points.Select(p => p.DepthBps));
        Assert.Equal(UInt256.Zero, points[0].BadDebt);
        Assert.Equal(0, points[0].Liquidations);
        var first = DepegSweep.FirstBadDebt(points);
        Assert.NotNull(first);
        Assert.InRange(first!.Value, 1_000, 4_000);
        var fromFirst = points.SkipWhile(p => p.BadDebt.IsZero).ToList();
        Assert.True(fromFirst.Zip(fromFirst.Skip(1)).All(pair => pair.Second.BadDebt >= pair.First.BadDebt));
        Assert.True(fromFirst[0].PoolWethMin * 5UL < 4_000UL * Wad.Unit);
    }
}

public class StakingRatioTests
{
    /// <summary>Without restaking the net yield is the consensus APR: 3.394 % at 24M ETH, as the issuance test works out by hand.</summary>
    [Fact]
    public void without_rewards_the_yield_is_the_consensus_apr()
    {
        var model = new StakingRatio(UInt256.Zero);
        Assert.Equal(Issuance.Apr(24_000_000), model.NetYield(24_000_000));
    }

    /// <summary>
    /// 250,000 ETH a year to restakers, 10 % fee, all stake restaked, 0.1 %/yr slashing: at 30M ETH the restaking part is
    /// 225,000/30M = 0.75 % and the net yield 3.0325 % + 0.75 % − 0.1 % = 3.6825 % (consensus APR at 30M by the spec: 369 Gwei).
    /// </summary>
    [Fact]
    public void restaking_rewards_add_to_the_yield_by_hand()
    {
        var model = new StakingRatio(250_000UL * Wad.Unit, ExpectedSlashingLossWad: 1_000_000_000_000_000UL);
        Assert.Equal(Issuance.Apr(30_000_000) + 7_500_000_000_000_000UL - 1_000_000_000_000_000UL, model.NetYield(30_000_000));
        Assert.Equal(30_324_881_250_000_000UL, (ulong)Issuance.Apr(30_000_000));
    }

    /// <summary>More restaking rewards pull the equilibrium stake up (the seed's 25 % toward 30–35 %), and the consensus APR there down.</summary>
    [Fact]
    public void more_restaking_rewards_raise_the_equilibrium_stake_and_dilute_the_consensus_apr()
    {
        var required = 30_000_000_000_000_000UL; // 3 %
        var without = new StakingRatio(UInt256.Zero).Equilibrium(required);
        var with = new StakingRatio(250_000UL * Wad.Unit).Equilibrium(required);
        Assert.True(with > without);
        Assert.True(Issuance.Apr(with) < Issuance.Apr(without));
        // The equilibrium is the largest stake still earning the required yield.
        var model = new StakingRatio(250_000UL * Wad.Unit);
        Assert.True(model.NetYield(with) >= required);
        Assert.True(model.NetYield(with + 1) < required);
        // 166.3/√N = 3 % gives N ≈ 30.7M without restaking.
        Assert.InRange(without, 30_000_000UL, 31_000_000UL);
    }
}
