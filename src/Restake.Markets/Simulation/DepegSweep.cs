using Restake.Primitives;

namespace Restake.Markets.Simulation;

/// <summary>One depth of a depeg sweep: the exogenous depth, the lowest price the cascade reached, and what the lenders lost.</summary>
public sealed record SweepPoint(int DepthBps, UInt256 MinPrice, int Liquidations, UInt256 BadDebt, UInt256 PoolWethMin);

/// <summary>
/// A sweep over depeg depth for the looped 0.86 LLTV market of the ezETH replay: for each depth an exogenous seller
/// gaps the pool to 1 − depth within a minute and stops; the oracle follows and liquidators act for three hours, selling
/// into what depth the pool has left. Deterministic per seed.
/// </summary>
public static class DepegSweep
{
    public static IReadOnlyList<SweepPoint> Run(int fromBps = 0, int toBps = 5_000, int stepBps = 250, int seed = 2024)
    {
        var points = new List<SweepPoint>();
        for (var depth = fromBps; depth <= toBps; depth += stepBps)
        {
            var settings = new EzEthReplay.Settings(Seed: seed, PanicEzEth: 0, LowLoops: 0, BuyerWethPerMinute: 0);
            var world = EzEthReplay.Build(settings);
            var target = (UInt256)(ulong)(10_000 - depth) * 100_000_000_000_000UL;
            world.With(new DepthSeller(target, 5UL * Wad.Unit));
            world.RunUntil(EzEthReplay.Start + 3 * 3_600);
            points.Add(new SweepPoint(depth, world.Timeline.Min(m => m.PoolPrice), world.Liquidations.Count, world.BadDebt, world.Timeline.Min(m => m.PoolWeth)));
        }
        return points;
    }

    /// <summary>The smallest depth at which bad debt appears, or null.</summary>
    public static int? FirstBadDebt(IReadOnlyList<SweepPoint> points) => points.FirstOrDefault(p => !p.BadDebt.IsZero)?.DepthBps;
}
