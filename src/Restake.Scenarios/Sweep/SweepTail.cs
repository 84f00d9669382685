using System.Numerics;

namespace Restake.Scenarios.Sweep;

/// <summary>Value at risk and expected shortfall of a loss distribution at 95 % and 99 %, exact in base units (floor).</summary>
public sealed record TailRisk(int Runs, BigInteger VaR95, BigInteger ES95, BigInteger VaR99, BigInteger ES99);

/// <summary>
/// Tail quantiles of a sweep. A run's loss on a measure is its value at the first measured step minus its value at the
/// end (what the run lost; negative when it gained). VaR_q is the smallest loss with at least q of the runs at or below it;
/// ES_q is the mean of the worst ⌈n·(1−q)⌉ losses (the discrete expected shortfall of Acerbi and Tasche, "On the coherence
/// of expected shortfall", 2002).
/// </summary>
public static class SweepTail
{
    /// <summary>Per run (in run order) the loss on measure <paramref name="measure"/>; runs where it is absent are left out.</summary>
    public static IReadOnlyList<BigInteger> Losses(IReadOnlyList<SweepRow> rows, int measure)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var losses = new List<BigInteger>();
        foreach (var run in rows.GroupBy(r => r.Run).OrderBy(g => g.Key))
        {
            var ordered = run.OrderBy(r => r.Step).ToList();
            if (ordered[0].Values[measure] is { } first && ordered[^1].Values[measure] is { } last)
            {
                losses.Add(first - last);
            }
        }
        return losses;
    }

    public static TailRisk Of(IReadOnlyList<BigInteger> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            return new TailRisk(0, 0, 0, 0, 0);
        }
        var sorted = losses.Order().ToArray();
        var (var95, es95) = At(sorted, 95);
        var (var99, es99) = At(sorted, 99);
        return new TailRisk(sorted.Length, var95, es95, var99, es99);
    }

    // q in percent; integer arithmetic for the ranks: ⌈n·q/100⌉ and ⌈n·(100−q)/100⌉.
    private static (BigInteger VaR, BigInteger ES) At(BigInteger[] sorted, int q)
    {
        var n = sorted.Length;
        var rank = Math.Max(1, ((n * q) + 99) / 100);
        var worst = Math.Max(1, ((n * (100 - q)) + 99) / 100);
        var sum = BigInteger.Zero;
        for (var i = n - worst; i < n; i++)
        {
            sum += sorted[i];
        }
        return (sorted[rank - 1], BigInteger.Divide(sum, worst));
    }
}
