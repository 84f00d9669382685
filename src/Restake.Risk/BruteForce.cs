using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// Exhaustive search over every nonempty service set A and operator set B: the oracle the solver is
/// tested against. Limited to 12 operators and 6 services (2^12 · 2^6 coalitions).
/// </summary>
public static class BruteForce
{
    public const int MaxOperators = 12;
    public const int MaxServices = 6;

    /// <summary>The attack with the largest π(A) − cost(B) over all attacking coalitions with A nonempty
    /// (it may be unprofitable: the network is secure iff its <see cref="Attack.Net"/> ≤ 0). Null when no
    /// coalition satisfies the stake condition (cannot happen with A nonempty and B = all).</summary>
    public static Attack? MostProfitable(RestakingNetwork net) =>
        Search(net, (best, a) => best is null || a.Net > best.Net);

    /// <summary>The valid (profitable) attack that destroys the most stake: max cost(B) s.t. π(A) &gt; cost(B).
    /// Null when the network is secure.</summary>
    public static Attack? LargestProfitable(RestakingNetwork net) =>
        Search(net, (best, a) => a.IsProfitable && (best is null || a.Cost > best.Cost));

    /// <summary>
    /// The largest γ for which the DR γ-slack holds, (1+γ)·π(A) ≤ cost(B) for every attacking coalition:
    /// γ* = min cost(B)/π(A) − 1 over coalitions with π(A) &gt; 0, as an exact fraction (num, den).
    /// Null when no coalition has positive profit (slack holds for every γ).
    /// </summary>
    public static (BigInteger Num, BigInteger Den)? MaxGamma(RestakingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var worst = Search(net, (best, a) => a.Profit > 0 && (best is null || a.Cost * best.Profit < best.Cost * a.Profit));
        if (worst is null) return null;
        return (worst.Cost - worst.Profit, worst.Profit);
    }

    /// <summary>The cheapest attack on service s alone (its cost is s's cost of corruption).</summary>
    public static Attack CostOfCorruption(RestakingNetwork net, int service) =>
        Search(net, (best, a) => a.Services.Count == 1 && a.Services[0] == service && (best is null || a.Cost < best.Cost))
        ?? throw new RiskModelException("UnknownService", $"service index {service} is not in the network");

    /// <summary>
    /// Exhaustive R_ψ: over every shock D with σ_D ≤ ψ·σ_V (ψ = num/den), the valid attack on G↓D that
    /// destroys the most stake. Returns the worst D and its attack (null attack: no shock enables one).
    /// </summary>
    public static (IReadOnlyList<int> Shocked, Attack? Attack) WorstShock(RestakingNetwork net, long psiNum, long psiDen)
    {
        ArgumentNullException.ThrowIfNull(net);
        var n = net.Operators.Count;
        if (n > MaxOperators) throw new RiskModelException("TooLargeForBruteForce", $"brute force handles at most {MaxOperators} operators, got {n}");
        (IReadOnlyList<int> Shocked, Attack? Attack) best = ([], null);
        for (var d = 0; d < 1 << n; d++)
        {
            var shocked = Bits(d, n);
            var stake = shocked.Aggregate(BigInteger.Zero, (a, v) => a + net.Operators[v].Stake);
            if (stake * psiDen > psiNum * net.TotalStake) continue;
            var attack = LargestProfitable(net.Without(shocked));
            if (attack is not null && (best.Attack is null || attack.Cost > best.Attack.Cost)) best = (shocked, attack);
        }
        return best;
    }

    private static Attack? Search(RestakingNetwork net, Func<Attack?, Attack, bool> better)
    {
        ArgumentNullException.ThrowIfNull(net);
        int n = net.Operators.Count, m = net.Services.Count;
        if (n > MaxOperators || m > MaxServices)
            throw new RiskModelException("TooLargeForBruteForce", $"brute force handles at most {MaxOperators} operators and {MaxServices} services, got {n} and {m}");
        // held[b, s]: stake of operator set b securing s, built from b without its lowest bit.
        var held = new BigInteger[1 << n, m];
        for (var b = 1; b < 1 << n; b++)
        {
            var low = BitOperations.TrailingZeroCount(b);
            for (var s = 0; s < m; s++) held[b, s] = held[b & (b - 1), s] + net.Allocation(low, s);
        }
        Attack? best = null;
        var cost = new BigInteger[1 << n];
        for (var a = 1; a < 1 << m; a++)
        {
            var services = Bits(a, m);
            var profit = services.Aggregate(BigInteger.Zero, (acc, s) => acc + net.Services[s].ProfitFromCorruption);
            var opCost = new BigInteger[n];
            for (var v = 0; v < n; v++) opCost[v] = net.OperatorCost(v, services);
            for (var b = 0; b < 1 << n; b++)
            {
                if (b > 0) cost[b] = cost[b & (b - 1)] + opCost[BitOperations.TrailingZeroCount(b)];
                var ok = true;
                foreach (var s in services)
                {
                    if (held[b, s] * RestakingNetwork.BpsDenominator < net.Services[s].ThresholdBps * net.SecuringStake[s]) { ok = false; break; }
                }
                if (!ok) continue;
                var candidate = new Attack(services, Bits(b, n), profit, cost[b]);
                if (better(best, candidate)) best = candidate;
            }
        }
        return best;
    }

    private static int[] Bits(int mask, int width)
    {
        var list = new List<int>();
        for (var i = 0; i < width; i++) if ((mask & (1 << i)) != 0) list.Add(i);
        return list.ToArray();
    }
}
