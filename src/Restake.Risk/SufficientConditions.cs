using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// The O(|E|) per-operator checks of Durvasula and Roughgarden (risk-lrt.md §1.1): Claim 1 (EigenLayer's
/// condition) implies the network is secure, Corollary 2 implies γ-slack and hence R_ψ &lt; (1+1/γ)ψ.
/// With allocations the share of s that v carries is w_vs / W_s (σ_v / σ(N(s)) in full reuse).
/// </summary>
public static class SufficientConditions
{
    /// <summary>
    /// Operator v's exposure Σ_s (w_vs / W_s)·(1+γ)·π_s / α_s, as an exact fraction, against σ_v.
    /// Returns per operator whether exposure ≤ σ_v. γ = num/den (Claim 1 is γ = 0).
    /// </summary>
    public static bool[] OperatorChecks(RestakingNetwork net, long gammaNum = 0, long gammaDen = 1)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (gammaNum < 0 || gammaDen <= 0) throw new RiskModelException("BadGamma", "gamma must be a nonnegative fraction num/den with den > 0");
        var result = new bool[net.Operators.Count];
        for (var v = 0; v < net.Operators.Count; v++)
        {
            // Sum of fractions w·(den+num)·π·10000 / (den·α_bps·W), kept exact.
            BigInteger num = 0, den = 1;
            for (var s = 0; s < net.Services.Count; s++)
            {
                var w = net.Allocation(v, s);
                if (w == 0) continue;
                var tn = w * (gammaDen + gammaNum) * net.Services[s].ProfitFromCorruption * RestakingNetwork.BpsDenominator;
                var td = gammaDen * net.Services[s].ThresholdBps * net.SecuringStake[s];
                num = num * td + tn * den;
                den *= td;
                var g = BigInteger.GreatestCommonDivisor(num, den);
                if (g > 1) { num /= g; den /= g; }
            }
            result[v] = num <= net.Operators[v].Stake * den;
        }
        return result;
    }

    /// <summary>
    /// Per service: (1+γ)·π_s ≤ α_s·W_s. Implied by the operator check in full reuse whenever s has an
    /// operator; needed on its own when an operator's cost min(σ_v, Σ_A w_vs) can be below σ_v (partial
    /// allocations), and for a service nobody secures (W_s = 0 is taken for free). [derived]
    /// </summary>
    public static bool[] ServiceChecks(RestakingNetwork net, long gammaNum = 0, long gammaDen = 1)
    {
        ArgumentNullException.ThrowIfNull(net);
        return net.Services.Select((s, i) =>
            (gammaDen + gammaNum) * s.ProfitFromCorruption * RestakingNetwork.BpsDenominator
                <= gammaDen * s.ThresholdBps * net.SecuringStake[i]).ToArray();
    }

    /// <summary>Claim 1 (with the per-service check): every operator and service passes at γ = 0, which
    /// proves the network secure.</summary>
    public static bool Claim1(RestakingNetwork net) => Corollary2(net, 0, 1);

    /// <summary>Corollary 2 (with the per-service check): everything passes at γ, which proves γ-slack.</summary>
    public static bool Corollary2(RestakingNetwork net, long gammaNum, long gammaDen) =>
        OperatorChecks(net, gammaNum, gammaDen).All(ok => ok) && ServiceChecks(net, gammaNum, gammaDen).All(ok => ok);
}
