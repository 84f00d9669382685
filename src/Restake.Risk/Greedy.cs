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
}
