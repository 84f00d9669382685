using System.Numerics;

namespace Restake.Risk;

/// <summary>Fast heuristic attacks (risk-lrt.md §1.1 "heuristics for scale"): no optimality claim.</summary>
public static class Greedy
{
    /// <summary>
    /// For each service alone, take its operators by allocation, largest first, until they hold α_s·W_s;
    /// return the best of these attacks by net gain (exactly evaluated), or null without services.
    /// </summary>
    public static Attack? BestSingleService(RestakingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        Attack? best = null;
        for (var s = 0; s < net.Services.Count; s++)
        {
            var need = net.Services[s].ThresholdBps * net.SecuringStake[s];
            var held = BigInteger.Zero;
            var chosen = new List<int>();
            foreach (var v in Enumerable.Range(0, net.Operators.Count).Where(v => net.Allocation(v, s) > 0)
                         .OrderByDescending(v => net.Allocation(v, s)).ThenBy(v => v))
            {
                if (held * RestakingNetwork.BpsDenominator >= need) break;
                held += net.Allocation(v, s);
                chosen.Add(v);
            }
            chosen.Sort();
            var attack = AttackRules.Evaluate(net, [s], chosen);
            if (attack is not null && (best is null || attack.Net > best.Net)) best = attack;
        }
        return best;
    }

    /// <summary>
    /// A start for the joint search: the better of <see cref="BestSingleService"/> and one attack on every
    /// service worth attacking alone (π_s ≥ α_s·W_s, or all of them when none is): cover each service
    /// in turn with its largest allocations, counting operators already taken, then drop every operator
    /// (costliest first) whose stake no attacked service needs. No optimality claim.
    /// </summary>
    public static Attack? BestAttack(RestakingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var best = BestSingleService(net);
        int n = net.Operators.Count, m = net.Services.Count;
        var need = Enumerable.Range(0, m).Select(s => net.Services[s].ThresholdBps * net.SecuringStake[s]).ToArray();
        var attacked = Enumerable.Range(0, m).Where(s => net.Services[s].ProfitFromCorruption * RestakingNetwork.BpsDenominator >= need[s]).ToList();
        if (attacked.Count < 2) return best;
        var held = new BigInteger[m];
        var chosen = new HashSet<int>();
        foreach (var s in attacked.OrderByDescending(s => need[s]))
        {
            foreach (var v in Enumerable.Range(0, n).Where(v => !chosen.Contains(v) && net.Allocation(v, s) > 0)
                         .OrderByDescending(v => net.Allocation(v, s)).ThenBy(v => v))
            {
                if (held[s] * RestakingNetwork.BpsDenominator >= need[s]) break;
                chosen.Add(v);
                foreach (var t in attacked) held[t] += net.Allocation(v, t);
            }
        }
        foreach (var v in chosen.OrderByDescending(v => net.OperatorCost(v, attacked)).ThenBy(v => v).ToList())
        {
            if (attacked.All(t => (held[t] - net.Allocation(v, t)) * RestakingNetwork.BpsDenominator >= need[t]))
            {
                chosen.Remove(v);
                foreach (var t in attacked) held[t] -= net.Allocation(v, t);
            }
        }
        var joint = AttackRules.Evaluate(net, attacked, chosen.Order().ToArray());
        return joint is not null && (best is null || joint.Net > best.Net) ? joint : best;
    }
}
