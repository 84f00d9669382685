using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// Cheap upper bounds on the best net gain π(A) − cost(B), for networks too large to prove optimal.
/// With r_s = α_s·W_s (the stake an attacker of s must hold):
/// - any model: cost(B) ≥ max_{s∈A} r_s, since each v in B loses at least max_s w_vs and B holds r_s of
///   every attacked s; so net ≤ max over s* of Σ{π_s : r_s ≤ r_s*} − r_s*;
/// - unique stake (Σ_s w_vs ≤ σ_v for all v): cost(B) = Σ_{s∈A} Σ_{v∈B} w_vs ≥ Σ_{s∈A} r_s, so
///   net ≤ Σ_s max(0, π_s − r_s), or the largest π_s − r_s when every term is negative. [derived]
/// Rounded up to a whole wei (r_s is a multiple of 1/10000).
/// </summary>
public static class NetBound
{
    public static BigInteger UpperBound(RestakingNetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var m = net.Services.Count;
        if (m == 0) throw new RiskModelException("NoServices", "a network without services has no attack to bound");
        // Work in 1/10000 wei so r_s is an integer.
        var r = Enumerable.Range(0, m).Select(s => net.Services[s].ThresholdBps * net.SecuringStake[s]).ToArray();
        var pi = net.Services.Select(s => s.ProfitFromCorruption * RestakingNetwork.BpsDenominator).ToArray();
        BigInteger? any = null;
        for (var top = 0; top < m; top++)
        {
            var profit = BigInteger.Zero;
            for (var s = 0; s < m; s++) if (r[s] <= r[top]) profit += pi[s];
            var b = profit - r[top];
            if (any is null || b > any) any = b;
        }
        var bound = any!.Value;
        var unique = Enumerable.Range(0, net.Operators.Count).All(v =>
            Enumerable.Range(0, m).Aggregate(BigInteger.Zero, (a, s) => a + net.Allocation(v, s)) <= net.Operators[v].Stake);
        if (unique)
        {
            var terms = Enumerable.Range(0, m).Select(s => pi[s] - r[s]).ToArray();
            var positive = terms.Where(t => t > 0).Aggregate(BigInteger.Zero, (a, t) => a + t);
            var separable = positive > 0 ? positive : terms.Max();
            bound = BigInteger.Min(bound, separable);
        }
        return CeilDiv(bound, RestakingNetwork.BpsDenominator);
    }

    private static BigInteger CeilDiv(BigInteger a, BigInteger d)
    {
        var q = BigInteger.DivRem(a, d, out var rem);
        return rem > 0 ? q + 1 : q;
    }
}
