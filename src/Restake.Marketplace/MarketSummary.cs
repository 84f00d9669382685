using System.Globalization;
using System.Text;
using Restake.Primitives;

namespace Restake.Marketplace;

/// <summary>An AVS over the whole run: when it reached its required stake and its target cost of corruption, and at what cost.</summary>
public sealed record AvsSummary(string Avs, int LaunchEpoch, double RequiredStakeEth, int? EpochsToRequiredStake, double CostToRequiredStakeEth,
    double TargetCostOfCorruptionEth, int? EpochsToTarget, double CostToTargetEth, double FinalSlashableEth, double MeanPriceEthPerEth,
    double FinalCostOfCorruptionEth, double FinalMarginEth, double MinMarginEth, int Slashes, double TotalPaidEth);

public sealed record EarnerSummary(string Earner, string Kind, string Via, double StakeEth, double EarnedEth, double MeanYieldPerEpoch, double Points);

/// <summary>FAQ Q2: what the points promised (at the assumed conversion) against what the paid rewards delivered, per ETH-day.</summary>
public sealed record PointsSummary(string Earner, double Points, double PromisedEth, double PromisedPerEthDay, double DeliveredEth, double DeliveredPerEthDay);

public sealed record TokenTotals(string Token, UInt256 Spent, UInt256 Earned)
{
    /// <summary>What the calculation's rounding left in the coordinator (floor rounding never pays more than was escrowed; signed, should network steps pay in the same token).</summary>
    public System.Numerics.BigInteger Dust => (System.Numerics.BigInteger)Spent - Earned;
}

public sealed record MarketSummary(string Name, long Seed, int Epochs, int Commands, string StateHash,
    IReadOnlyList<AvsSummary> Avss, IReadOnlyList<EarnerSummary> Earners, IReadOnlyList<Route>? Bootstrap, double? BootstrapTargetEth,
    IReadOnlyList<PointsSummary>? Points, IReadOnlyList<TokenTotals> Tokens)
{
    public static MarketSummary Of(MarketResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var f = r.File;
        var avss = f.Avss.Select(a =>
        {
            var rows = r.Avs.Where(x => x.Avs == a.Name && x.Live).OrderBy(x => x.Epoch).ToList();
            var (toStake, stakeCost) = FirstReach(rows, x => x.SlashableEth >= a.RequiredStakeEth && a.RequiredStakeEth > 0);
            var (toTarget, targetCost) = FirstReach(rows, x => x.CostOfCorruptionEth >= a.TargetCostOfCorruptionEth && a.TargetCostOfCorruptionEth > 0);
            var priced = rows.Where(x => x.PriceEthPerEth > 0).ToList();
            return new AvsSummary(a.Name, a.LaunchEpoch, a.RequiredStakeEth, toStake, stakeCost, a.TargetCostOfCorruptionEth, toTarget, targetCost,
                rows.Count > 0 ? rows[^1].SlashableEth : 0, priced.Count > 0 ? priced.Average(x => x.PriceEthPerEth) : 0,
                rows.Count > 0 ? rows[^1].CostOfCorruptionEth : 0, rows.Count > 0 ? rows[^1].MarginEth : 0, rows.Count > 0 ? rows.Min(x => x.MarginEth) : 0,
                rows.Count > 0 ? rows[^1].Slashes : 0, rows.Sum(x => x.PaidEth));
        }).ToList();

        var earners = r.Earners.GroupBy(x => x.Earner).Select(g =>
        {
            var list = g.OrderBy(x => x.Epoch).ToList();
            var paid = list.Where(x => f.Points is null || x.Epoch >= f.Points.PaidFromEpoch).ToList();
            return new EarnerSummary(g.Key, list[^1].Kind, list[^1].Via, list[^1].StakeEth, list.Sum(x => x.EarnedEth), paid.Count > 0 ? paid.Average(x => x.Yield) : 0, list[^1].Points);
        }).ToList();

        List<Route>? routes = null;
        double? target = null;
        if (f.Bootstrap is { } b)
        {
            var a = f.Avss.First(x => x.Name == b.Avs);
            var s = avss.First(x => x.Avs == b.Avs);
            target = a.TargetCostOfCorruptionEth;
            var cocs = r.Avs.Where(x => x.Avs == a.Name && x.Live).OrderBy(x => x.Epoch).Select(x => x.CostOfCorruptionEth).ToList();
            var restaked = new Route("restaked security (this run)", s.EpochsToTarget, s.EpochsToTarget is null ? rowsPaid(r, a.Name) : s.CostToTargetEth, cocs);
            routes = [restaked, OwnTokenRoute.Compute(b, a.TargetCostOfCorruptionEth, Math.Max(10 * f.Epochs, 1000))];
        }

        List<PointsSummary>? points = null;
        if (f.Points is { } p)
        {
            var pointDays = p.PaidFromEpoch * f.EpochDays;
            var paidDays = (f.Epochs - p.PaidFromEpoch) * f.EpochDays;
            points = earners.Select(e =>
            {
                var rows = r.Earners.Where(x => x.Earner == e.Earner && x.Epoch >= p.PaidFromEpoch).ToList();
                var ethDays = rows.Sum(x => x.StakeEth) * f.EpochDays;
                var delivered = rows.Sum(x => x.EarnedEth);
                var promised = e.Points * p.EthPerPoint;
                var pointEthDays = pointDays > 0 ? e.Points / p.PerEthDay : 0;
                return new PointsSummary(e.Earner, e.Points, promised, pointEthDays > 0 ? promised / pointEthDays : 0, delivered, ethDays > 0 && paidDays > 0 ? delivered / ethDays : 0);
            }).ToList();
        }

        var tokens = r.BudgetsSpent.Keys.Order(StringComparer.Ordinal)
            .Select(t => new TokenTotals(t, r.BudgetsSpent.GetValueOrDefault(t), r.RewardsEarned.GetValueOrDefault(t))).ToList();
        return new MarketSummary(f.Name, f.Seed, f.Epochs, r.Commands, r.StateHash, avss, earners, routes, target, points, tokens);

        static double rowsPaid(MarketResult r, string avs) => r.Avs.Where(x => x.Avs == avs).Sum(x => x.PaidEth);
    }

    /// <summary>The first live epoch meeting the condition: epochs counted from launch (inclusive) and ETH paid up to and including it.</summary>
    private static (int? Epochs, double Cost) FirstReach(List<AvsEpoch> rows, Func<AvsEpoch, bool> reached)
    {
        var cost = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            cost += rows[i].PaidEth;
            if (reached(rows[i]))
            {
                return (i + 1, cost);
            }
        }
        return (null, cost);
    }

    /// <summary>A rate per epoch as a simple (not compounded) rate a year, in percent.</summary>
    public static string Yearly(double perEpoch, int epochDays) => (perEpoch * 365.0 / epochDays * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string N(double x) => x.ToString("#,0.####", CultureInfo.InvariantCulture);

    public static string Reached(int? n) => n is { } v ? v.ToString(CultureInfo.InvariantCulture) : "not reached";

    /// <summary>The summary as Markdown (summary.md of the report).</summary>
    public string Markdown(int epochDays)
    {
        var sb = new StringBuilder();
        sb.Append("# Market run: ").Append(Name).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Seed {Seed}, {Epochs} epochs of {epochDays} day(s), {Commands} engine commands (commands.yaml), final state hash {StateHash}.\n\n");
        sb.Append("## AVSs: security bought\n\n");
        sb.Append("| AVS | launch | required stake (ETH) | epochs to it | paid by then (ETH) | target CoC (ETH) | epochs to it | paid by then (ETH) | final slashable (ETH) | mean price (ETH per ETH-epoch) | a year | final CoC (ETH) | final margin (ETH) | lowest margin (ETH) | slashes |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var a in Avss)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {a.Avs} | {a.LaunchEpoch} | {N(a.RequiredStakeEth)} | {(a.RequiredStakeEth > 0 ? Reached(a.EpochsToRequiredStake) : "—")} | {N(a.CostToRequiredStakeEth)} | {N(a.TargetCostOfCorruptionEth)} | {(a.TargetCostOfCorruptionEth > 0 ? Reached(a.EpochsToTarget) : "—")} | {N(a.CostToTargetEth)} | {N(a.FinalSlashableEth)} | {a.MeanPriceEthPerEth.ToString("0.########", CultureInfo.InvariantCulture)} | {Yearly(a.MeanPriceEthPerEth, epochDays)} | {N(a.FinalCostOfCorruptionEth)} | {N(a.FinalMarginEth)} | {N(a.MinMarginEth)} | {a.Slashes} |\n");
        }
        sb.Append("\n## Operators and restakers: what they earned\n\n| earner | kind | via (at the end) | stake (ETH) | earned (ETH) | mean yield per epoch | a year | points |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var e in Earners)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {e.Earner} | {e.Kind} | {e.Via} | {N(e.StakeEth)} | {e.EarnedEth.ToString("0.######", CultureInfo.InvariantCulture)} | {(e.MeanYieldPerEpoch * 100).ToString("0.#####", CultureInfo.InvariantCulture)} % | {Yearly(e.MeanYieldPerEpoch, epochDays)} | {N(e.Points)} |\n");
        }
        if (Bootstrap is { } routes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## Bootstrapping: elevator or stairs (target cost of corruption {N(BootstrapTargetEth ?? 0)} ETH)\n\n| route | epochs to target | cost (ETH) |\n|---|---|---|\n");
            foreach (var route in routes)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {route.Name} | {Reached(route.EpochsToTarget)} | {N(route.CostEth)} |\n");
            }
        }
        if (Points is { } points)
        {
            sb.Append("\n## Points before paid rewards (FAQ Q2)\n\n| earner | points | promised (ETH) | promised per ETH-day | delivered after the switch (ETH) | delivered per ETH-day |\n|---|---|---|---|---|---|\n");
            foreach (var p in points)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {p.Earner} | {N(p.Points)} | {p.PromisedEth.ToString("0.######", CultureInfo.InvariantCulture)} | {p.PromisedPerEthDay.ToString("0.##########", CultureInfo.InvariantCulture)} | {p.DeliveredEth.ToString("0.######", CultureInfo.InvariantCulture)} | {p.DeliveredPerEthDay.ToString("0.##########", CultureInfo.InvariantCulture)} |\n");
            }
        }
        sb.Append("\n## Budgets and payments (exact, base units)\n\n| token | AVS budgets spent | rewards earned (all earners) | rounding dust kept by the coordinator |\n|---|---|---|---|\n");
        foreach (var t in Tokens)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {t.Token} | {t.Spent} | {t.Earned} | {t.Dust} |\n");
        }
        return sb.ToString();
    }
}
