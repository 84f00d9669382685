using Restake.Primitives;

namespace Restake.Marketplace;

/// <summary>One budget tried: how many epochs from launch the AVS took to reach its required stake (null: not within the run) and what it paid by then.</summary>
public sealed record BudgetPoint(UInt256 BudgetPerEpoch, int? EpochsToRequiredStake, double CostEth);

/// <summary>The cheapest budget per epoch found that reaches the required stake within <see cref="Within"/> epochs, and every budget tried.</summary>
public sealed record BudgetSearch(string Avs, int Within, UInt256? Cheapest, IReadOnlyList<BudgetPoint> Tried);

/// <summary>
/// An AVS team's question, "what reward budget buys me X ETH of slashable stake, and how fast?": the market is
/// re-run (same seed, same agents) with the AVS's budget changed. Budgets are first scaled by powers of two from
/// the declared one to bracket the answer, then bisected in whole tokens. Agent markets need not be monotone
/// in the budget; the search reports the cheapest budget it tried that reaches the stake in time, and all it tried.
/// </summary>
public static class BudgetStudy
{
    public static BudgetSearch Cheapest(MarketFile file, string avs, int within, int bisections = 10)
    {
        ArgumentNullException.ThrowIfNull(file);
        var declared = file.Avss.FirstOrDefault(a => a.Name == avs) ?? throw new ArgumentException($"no AVS '{avs}' in the market", nameof(avs));
        var tried = new SortedDictionary<UInt256, BudgetPoint>();
        BudgetPoint Try(UInt256 budget)
        {
            if (!tried.TryGetValue(budget, out var point))
            {
                var changed = file with { Avss = file.Avss.Select(a => a.Name == avs ? a with { BudgetPerEpoch = budget } : a).ToList() };
                var s = MarketSummary.Of(MarketRun.Run(changed)).Avss.Single(a => a.Avs == avs);
                point = new BudgetPoint(budget, s.EpochsToRequiredStake, s.CostToRequiredStakeEth);
                tried[budget] = point;
            }
            return point;
        }
        bool Reaches(BudgetPoint p) => p.EpochsToRequiredStake is { } n && n <= within;

        // Bracket: halve while the budget still reaches the stake in time, double while it does not (at most 2^8 either way).
        var unit = (UInt256)1_000_000_000_000_000_000UL;
        var budget = declared.BudgetPerEpoch;
        UInt256? good = null, bad = null;
        for (var i = 0; i < 8 && (good is null || bad is null); i++)
        {
            if (Reaches(Try(budget)))
            {
                good = budget;
                if (budget < unit + unit)
                {
                    break;
                }
                budget /= 2;
            }
            else
            {
                bad = budget;
                if (good is not null)
                {
                    break;
                }
                budget *= 2;
            }
        }
        if (good is { } g && bad is { } b && b < g)
        {
            // Bisect in whole tokens between a budget that fails and one that works.
            var lo = b / unit;
            var hi = g / unit;
            for (var i = 0; i < bisections && hi - lo > 1; i++)
            {
                var mid = (lo + hi) / 2;
                if (Reaches(Try(mid * unit)))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }
        }
        var cheapest = tried.Values.Where(Reaches).Select(p => (UInt256?)p.BudgetPerEpoch).FirstOrDefault();
        return new BudgetSearch(avs, within, cheapest, tried.Values.ToList());
    }
}
