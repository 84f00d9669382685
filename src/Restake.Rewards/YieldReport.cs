using System.Numerics;
using Restake.Protocol;
using Restake.Protocol.State;

namespace Restake.Rewards;

/// <summary>One earner's realized rewards over a window, against the stake it held on average.</summary>
public sealed record EarnerYield(
    string Earner, string Role, int Days, double AverageStakeEth,
    IReadOnlyDictionary<string, BigInteger> Earned, IReadOnlyDictionary<string, double> AnnualPerEth, double? AprEth);

/// <summary>
/// Realized, annualized reward rates (the seed FAQ's "is higher yield better"): for each staker the
/// rewards it earned in the window per ETH it had restaked, for each operator per ETH delegated to it,
/// for each AVS what it paid per ETH it was secured by. Stake and rewards are valued in ETH with the
/// given prices (ETH per whole token; LST strategies default to 1); floating point only here, in the report.
/// </summary>
public static class YieldReport
{
    public static IReadOnlyList<EarnerYield> Build(NetworkState state, RewardsCalculator calculator, long fromDay, long toDay, IReadOnlyDictionary<string, double> prices)
    {
        var days = (int)((toDay - fromDay) / Days.Seconds);
        if (days <= 0)
        {
            return [];
        }
        var inWindow = calculator.Payouts.Where(p => p.Day > fromDay && p.Day <= toDay).ToList();
        var ledger = calculator.Ledger;
        var result = new List<EarnerYield>();

        double Price(string token) => prices.GetValueOrDefault(token, 1.0);
        double Eth(BigInteger baseUnits, string token) => (double)baseUnits / Math.Pow(10, state.Tokens[token].Decimals) * Price(token);

        var avsNames = inWindow.Select(p => state.Rewards.Submissions.First(s => s.Id == p.Submission).Submitter).Distinct().ToList();
        var memberships = ledger.Memberships();
        var replay = new LedgerReplay(ledger);
        var stakeByEarner = new Dictionary<string, (string Role, double Total)>();
        for (var day = fromDay + Days.Seconds; day <= toDay; day += Days.Seconds)
        {
            replay.AdvanceTo(day);
            var stakeOf = new Dictionary<int, double>();
            foreach (var staker in ledger.StakerIds)
            {
                var stake = 0.0;
                for (var st = 0; st < replay.StrategyCount; st++)
                {
                    var shares = replay.SharesBig(staker, st);
                    if (shares.Sign > 0)
                    {
                        stake += Eth(shares, state.Strategies[ledger.StrategyNames[st]].Token.Symbol);
                    }
                }
                stakeOf[staker] = stake;
                var name = ledger.NameOf(staker);
                Accumulate(stakeByEarner, name, state.Operators.ContainsKey(name) ? "operator" : "staker", stake);
                if (replay.OperatorOf(staker) is var op and >= 0 && op != staker)
                {
                    Accumulate(stakeByEarner, ledger.NameOf(op), "operator", stake);
                }
            }
            // What secured each paying AVS: the stake of every operator in one of its sets that day.
            foreach (var avs in avsNames)
            {
                var operators = memberships.Where(m => m.Covers(day) && m.SetKey.StartsWith(avs + "/", StringComparison.Ordinal)).Select(m => m.Operator).ToHashSet();
                var secured = stakeOf.Where(kv => replay.OperatorOf(kv.Key) is var o && operators.Contains(o)).Sum(kv => kv.Value);
                Accumulate(stakeByEarner, avs, "avs", secured);
            }
        }

        var paidByAvs = inWindow.GroupBy(p => state.Rewards.Submissions.First(s => s.Id == p.Submission).Submitter)
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Token).ToDictionary(t => t.Key, t => t.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount)));
        var earners = inWindow.Select(p => p.Earner).Concat(paidByAvs.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var earner in earners)
        {
            var (role, stakeDays) = stakeByEarner.GetValueOrDefault(earner, ("staker", 0));
            var earned = role == "avs" && paidByAvs.TryGetValue(earner, out var paid)
                ? paid
                : inWindow.Where(p => p.Earner == earner).GroupBy(p => p.Token).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount));
            var averageStake = stakeDays / days;
            var perEth = earned.ToDictionary(kv => kv.Key, kv => averageStake > 0 ? (double)kv.Value / Math.Pow(10, state.Tokens[kv.Key].Decimals) / averageStake * 365.0 / days : 0);
            double? apr = earned.Keys.All(prices.ContainsKey) && averageStake > 0
                ? earned.Sum(kv => Eth(kv.Value, kv.Key)) / averageStake * 365.0 / days
                : null;
            result.Add(new EarnerYield(earner, role, days, averageStake, earned, perEth, apr));
        }
        return result;
    }

    private static void Accumulate(Dictionary<string, (string Role, double Total)> totals, string earner, string role, double amount)
    {
        var (knownRole, total) = totals.GetValueOrDefault(earner, (role, 0));
        totals[earner] = (knownRole == "staker" ? role : knownRole, total + amount);
    }
}
