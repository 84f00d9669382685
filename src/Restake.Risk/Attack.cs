using System.Numerics;

namespace Restake.Risk;

/// <summary>
/// A coalition attack (A, B) in the DR notation: services attacked and operators attacking, with the
/// exact profit π(A), cost (what B loses, see <see cref="RestakingNetwork.OperatorCost"/>) and margin.
/// </summary>
public sealed record Attack(IReadOnlyList<int> Services, IReadOnlyList<int> Operators, BigInteger Profit, BigInteger Cost)
{
    /// <summary>π(A) − cost(B): the attackers' net gain. The attack is valid (profitable) when it is &gt; 0.</summary>
    public BigInteger Net => Profit - Cost;

    public bool IsProfitable => Net > 0;
}

public static class AttackRules
{
    /// <summary>
    /// The stake condition of an attacking coalition (DR, "attacking coalition"): for every attacked s,
    /// B's stake securing s ≥ α_s · all stake securing s, checked exactly as 10000·Σ_B w ≥ α_bps·Σ w.
    /// </summary>
    public static bool IsAttackingCoalition(RestakingNetwork net, IReadOnlyCollection<int> services, IReadOnlyCollection<int> operators)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(operators);
        foreach (var s in services)
        {
            var held = BigInteger.Zero;
            foreach (var v in operators) held += net.Allocation(v, s);
            if (held * RestakingNetwork.BpsDenominator < net.Services[s].ThresholdBps * net.SecuringStake[s]) return false;
        }
        return true;
    }

    /// <summary>Builds the attack record with exact profit and cost, or null when the stake condition fails.</summary>
    public static Attack? Evaluate(RestakingNetwork net, IReadOnlyList<int> services, IReadOnlyList<int> operators)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(operators);
        if (!IsAttackingCoalition(net, services, operators)) return null;
        var profit = services.Aggregate(BigInteger.Zero, (a, s) => a + net.Services[s].ProfitFromCorruption);
        var cost = operators.Aggregate(BigInteger.Zero, (a, v) => a + net.OperatorCost(v, services));
        return new Attack(services, operators, profit, cost);
    }
}
