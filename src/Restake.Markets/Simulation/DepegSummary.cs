using Restake.Primitives;

namespace Restake.Markets.Simulation;

/// <summary>The figures of a depeg run that the reference reports, per market where it matters.</summary>
public sealed record DepegSummary(
    long? OracleBelowPeg,
    long? FirstLiquidation,
    long? LastLiquidation,
    int LiquidationsHigh,
    int LiquidationsLow,
    int HighDoneBy0252,
    UInt256 BadDebtHigh,
    UInt256 BadDebtLow,
    UInt256 PoolWethStart,
    UInt256 PoolWethMin,
    UInt256 MinPoolPrice,
    long? MinPoolPriceAt,
    long? BadDebtFirstAt,
    UInt256 PoolWethAtFirstBadDebt)
{
    public static DepegSummary Of(DepegWorld w, UInt256 poolWethStart, string highMarket)
    {
        var high = w.Liquidations.Where(l => l.Market == highMarket).ToList();
        var low = w.Liquidations.Where(l => l.Market != highMarket).ToList();
        var minPrice = w.Timeline.MinBy(m => m.PoolPrice);
        var firstBad = w.Timeline.FirstOrDefault(m => !m.BadDebt.IsZero);
        var cutoff = EzEthReplay.Start + 52 * 60 + 35;
        return new DepegSummary(
            w.Timeline.FirstOrDefault(m => m.OraclePrice < Wad.Unit)?.Time,
            high.FirstOrDefault()?.Time,
            w.Liquidations.LastOrDefault()?.Time,
            high.Count,
            low.Count,
            high.Count(l => l.Time <= cutoff),
            w.Markets.Where(m => m.Name == highMarket).Aggregate(UInt256.Zero, (s, m) => s + m.Market.BadDebt),
            w.Markets.Where(m => m.Name != highMarket).Aggregate(UInt256.Zero, (s, m) => s + m.Market.BadDebt),
            poolWethStart,
            w.Timeline.Count == 0 ? poolWethStart : w.Timeline.Min(m => m.PoolWeth),
            minPrice?.PoolPrice ?? Wad.Unit,
            minPrice?.Time,
            firstBad?.Time,
            firstBad?.PoolWeth ?? UInt256.Zero);
    }
}
