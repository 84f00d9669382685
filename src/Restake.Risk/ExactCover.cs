using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// Optimality by construction for unique stake (docs/risk.md, "Large networks"). In units u that divide
/// every allocation, an attacking coalition holds at least R_s = ⌈α_s·W_s / (10000·u)⌉ units of each
/// attacked s, and with unique stake it pays exactly what it holds of the attacked services, so
///   net(A, B) ≤ Σ_{s∈A} (π_s − R_s·u) ≤ U = Σ_s max(0, π_s − R_s·u)  (or max_s (π_s − R_s·u) if all ≤ 0).
/// An attack reaching U is optimal. It exists when each service with π_s &gt; R_s·u can be covered to
/// exactly R_s units by operators that secure no other such service ("private" operators): they cost
/// nothing elsewhere. <see cref="SubsetSum"/> looks for those exact covers. [derived]
/// The cost of corruption of one service is the same question with one service and all its operators.
/// </summary>
public static class ExactCover
{
    /// <summary>R_s in units: the least whole number of units meeting α_s of the stake securing s.</summary>
    public static long Need(RestakingNetwork net, int service, BigInteger unit)
    {
        ArgumentNullException.ThrowIfNull(net);
        var num = net.Services[service].ThresholdBps * net.SecuringStake[service];
        var den = RestakingNetwork.BpsDenominator * unit;
        return (long)((num + den - 1) / den);
    }

    /// <summary>U above, in wei (valid for unique stake when <paramref name="unit"/> divides every allocation).</summary>
    public static BigInteger Bound(RestakingNetwork net, BigInteger unit)
    {
        ArgumentNullException.ThrowIfNull(net);
        var terms = Enumerable.Range(0, net.Services.Count).Select(s => net.Services[s].ProfitFromCorruption - Need(net, s, unit) * unit).ToArray();
        var positive = terms.Where(t => t > 0).Aggregate(BigInteger.Zero, (a, t) => a + t);
        return positive > 0 ? positive : terms.Max();
    }

    /// <summary>The cheapest coalition on one service, proven: one holding exactly R_s units, or with at most
    /// <see cref="SubsetSum.MaxMeetInTheMiddle"/> operators the least cover by exhaustion; null when neither applies.</summary>
    public static Attack? CheapestCoalition(RestakingNetwork net, int service, BigInteger unit)
    {
        ArgumentNullException.ThrowIfNull(net);
        var ops = Enumerable.Range(0, net.Operators.Count).Where(v => !net.Allocation(v, service).IsZero).ToArray();
        var values = ops.Select(v => (long)(net.Allocation(v, service) / unit)).ToArray();
        var need = Need(net, service, unit);
        // An exact cover is optimal; with few operators the least cover is found exhaustively instead.
        var pick = SubsetSum.Exact(values, need) ?? (values.Length <= SubsetSum.MaxMeetInTheMiddle ? SubsetSum.LeastAtLeast(values, need) : null);
        return pick is null ? null : AttackRules.Evaluate(net, [service], pick.Select(i => ops[i]).Order().ToArray());
    }

    /// <summary>An attack whose net gain is <see cref="Bound"/> (hence optimal), or null when the private
    /// operators cannot cover every profitable service exactly. Needs unique stake.</summary>
    public static Attack? Optimal(RestakingNetwork net, BigInteger unit)
    {
        ArgumentNullException.ThrowIfNull(net);
        int n = net.Operators.Count, m = net.Services.Count;
        var need = Enumerable.Range(0, m).Select(s => Need(net, s, unit)).ToArray();
        var attacked = Enumerable.Range(0, m).Where(s => net.Services[s].ProfitFromCorruption > need[s] * unit).ToArray();
        if (attacked.Length == 0)
        {
            // Every term is ≤ 0: the bound is the best single service, reached by its exact cover.
            var best = Enumerable.Range(0, m).MaxBy(s => net.Services[s].ProfitFromCorruption - need[s] * unit);
            return CheapestCoalition(net, best, unit);
        }
        var inA = new bool[m];
        foreach (var s in attacked) inA[s] = true;
        var chosen = new List<int>();
        foreach (var s in attacked)
        {
            var mine = Enumerable.Range(0, n).Where(v => !net.Allocation(v, s).IsZero
                && Enumerable.Range(0, m).All(t => t == s || !inA[t] || net.Allocation(v, t).IsZero)).ToArray();
            var pick = SubsetSum.Exact(mine.Select(v => (long)(net.Allocation(v, s) / unit)).ToArray(), need[s]);
            if (pick is null) return null;
            chosen.AddRange(pick.Select(i => mine[i]));
        }
        return AttackRules.Evaluate(net, attacked, chosen.Order().ToArray());
    }

    /// <summary>
    /// A good attack when <see cref="Optimal"/> finds none: attack every service whose cost of corruption
    /// (<paramref name="least"/>, units) is below its profit, covering them one at a time, fewest operators
    /// first; each service takes the operators already chosen, then adds operators that secure no service
    /// covered before it (so earlier covers stay as they are), aiming at exactly its least cover. No
    /// optimality claim by itself; optimal when its net reaches the bound Σ max(0, π_s − least_s·u).
    /// </summary>
    public static Attack? Sequential(RestakingNetwork net, BigInteger unit, IReadOnlyList<long> least)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(least);
        int n = net.Operators.Count, m = net.Services.Count;
        var attacked = Enumerable.Range(0, m).Where(s => net.Services[s].ProfitFromCorruption > least[s] * unit).ToArray();
        if (attacked.Length == 0) return null;
        var degree = attacked.ToDictionary(s => s, s => Enumerable.Range(0, n).Count(v => !net.Allocation(v, s).IsZero));
        var done = new bool[m];
        var chosen = new HashSet<int>();
        var held = new long[m];
        foreach (var s in attacked.OrderBy(s => degree[s]).ThenBy(s => s))
        {
            var need = Need(net, s, unit);
            var allowed = Enumerable.Range(0, n).Where(v => !chosen.Contains(v) && !net.Allocation(v, s).IsZero
                && Enumerable.Range(0, m).All(t => !done[t] || net.Allocation(v, t).IsZero)).ToArray();
            var values = allowed.Select(v => (long)(net.Allocation(v, s) / unit)).ToArray();
            var rest = held[s] >= need ? 0 : least[s] - held[s];
            var pick = rest == 0 ? [] : SubsetSum.Exact(values, rest)
                ?? (values.Length <= SubsetSum.MaxMeetInTheMiddle ? SubsetSum.LeastAtLeast(values, need - held[s]) : SubsetSum.Near(values, need - held[s]));
            // Not coverable with what is left: leave it out (services not attacked cost nothing).
            if (pick is null) continue;
            foreach (var i in pick)
            {
                chosen.Add(allowed[i]);
                for (var t = 0; t < m; t++) held[t] += (long)(net.Allocation(allowed[i], t) / unit);
            }
            done[s] = true;
        }
        // Services that ended up costing more than they pay are left out (with unique stake this only helps).
        var keep = attacked.Where(s => done[s] && net.Services[s].ProfitFromCorruption > held[s] * unit).ToArray();
        if (keep.Length == 0) return null;
        var users = chosen.Where(v => keep.Any(s => !net.Allocation(v, s).IsZero)).Order().ToArray();
        return AttackRules.Evaluate(net, keep, users);
    }

    /// <summary>
    /// Improves an attack service by service: for each attacked s, the operators that secure no other
    /// attacked service ("private" to s) are chosen again, as the least cover of what the other attackers
    /// leave s short of R_s (exhaustive with few operators, else the subset-sum search). Private operators
    /// touch nothing else, so each step never lowers the net gain. Unique stake.
    /// </summary>
    public static Attack Polish(RestakingNetwork net, BigInteger unit, Attack attack)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(attack);
        int n = net.Operators.Count, m = net.Services.Count;
        var inA = new bool[m];
        foreach (var s in attack.Services) inA[s] = true;
        var chosen = new HashSet<int>(attack.Operators);
        var owner = new int[n];
        for (var v = 0; v < n; v++)
        {
            owner[v] = -1;
            foreach (var s in attack.Services)
            {
                if (net.Allocation(v, s).IsZero) continue;
                owner[v] = owner[v] == -1 ? s : -2;
            }
        }
        foreach (var s in attack.Services)
        {
            var mine = Enumerable.Range(0, n).Where(v => owner[v] == s).ToArray();
            var values = mine.Select(v => (long)(net.Allocation(v, s) / unit)).ToArray();
            long others = 0, current = 0;
            for (var v = 0; v < n; v++)
            {
                if (!chosen.Contains(v) || net.Allocation(v, s).IsZero) continue;
                if (owner[v] == s) current += (long)(net.Allocation(v, s) / unit);
                else others += (long)(net.Allocation(v, s) / unit);
            }
            var gap = Need(net, s, unit) - others;
            var pick = gap <= 0 ? [] : SubsetSum.Exact(values, gap)
                ?? (values.Length <= SubsetSum.MaxMeetInTheMiddle ? SubsetSum.LeastAtLeast(values, gap) : SubsetSum.Near(values, gap));
            if (pick is null || pick.Sum(i => values[i]) >= current) continue;
            foreach (var v in mine) chosen.Remove(v);
            foreach (var i in pick) chosen.Add(mine[i]);
        }
        return AttackRules.Evaluate(net, attack.Services, chosen.Order().ToArray()) is { } polished && polished.Net >= attack.Net ? polished : attack;
    }
}
