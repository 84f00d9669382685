using System.Numerics;

namespace Restake.Risk;

/// <summary>The outcome of a shock and the attacks it enabled, in wei.</summary>
public sealed record CascadeResult(IReadOnlyList<int> Shocked, BigInteger ShockLoss, IReadOnlyList<Attack> Steps, BigInteger TotalStake)
{
    /// <summary>Stake destroyed by the attacks after the shock: Σ_t cost(B_t).</summary>
    public BigInteger AttackLoss => Steps.Aggregate(BigInteger.Zero, (a, s) => a + s.Cost);

    /// <summary>Shock plus attacks, the numerator of DR's R_ψ.</summary>
    public BigInteger TotalLoss => ShockLoss + AttackLoss;
}

/// <summary>
/// Shocks and cascades (Durvasula and Roughgarden §"shock and cascade", risk-lrt.md §1.1): remove the
/// shocked operators (G↓D), then repeatedly let the largest valid attack happen on what is left, removing
/// its attackers and zeroing the profit of services already corrupted (a service pays its corrupter once),
/// until no valid attack with positive loss remains.
/// </summary>
public static class Cascade
{
    public static CascadeResult Run(RestakingNetwork net, IReadOnlyCollection<int> shocked, Func<RestakingNetwork, Attack?> largestProfitable)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(shocked);
        ArgumentNullException.ThrowIfNull(largestProfitable);
        foreach (var v in shocked)
            if (v < 0 || v >= net.Operators.Count) throw new RiskModelException("UnknownOperator", $"operator index {v} is not in the network");
        var shockLoss = shocked.Distinct().Aggregate(BigInteger.Zero, (a, v) => a + net.Operators[v].Stake);
        var current = net.Without(shocked);
        var steps = new List<Attack>();
        // Each step removes at least one operator with stake, so there are at most |V| steps.
        for (var guard = 0; guard <= net.Operators.Count; guard++)
        {
            var attack = largestProfitable(current);
            if (attack is null || attack.Cost == 0) break;
            steps.Add(attack);
            current = WithoutServicesProfit(current.Without(attack.Operators), attack.Services);
        }
        return new CascadeResult(shocked.ToArray(), shockLoss, steps, net.TotalStake);
    }

    /// <summary>
    /// The paper's bound (Theorem 1): under γ-slack, R_ψ &lt; (1 + 1/γ)·ψ; equivalently the attack loss L
    /// after a shock D satisfies γ·L &lt; σ_D whenever L &gt; 0. γ = num/den exactly.
    /// </summary>
    public static bool WithinTheorem1Bound(CascadeResult result, BigInteger gammaNum, BigInteger gammaDen)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.AttackLoss == 0 || gammaNum * result.AttackLoss < gammaDen * result.ShockLoss;
    }

    private static RestakingNetwork WithoutServicesProfit(RestakingNetwork net, IReadOnlyList<int> corrupted)
    {
        var services = net.Services.Select((s, i) => corrupted.Contains(i) ? s with { ProfitFromCorruption = 0 } : s).ToArray();
        var w = new BigInteger[net.Operators.Count, net.Services.Count];
        for (var v = 0; v < net.Operators.Count; v++)
            for (var s = 0; s < net.Services.Count; s++) w[v, s] = net.Allocation(v, s);
        return new RestakingNetwork(net.Operators, services, w);
    }
}
