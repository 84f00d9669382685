using System.Numerics;
using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.Risk;

/// <summary>What an AVS declares about one operator set: profit from corruption (wei) and threshold (bps).</summary>
public sealed record SetDeclaration(BigInteger ProfitFromCorruption, int ThresholdBps);

/// <summary>How much of one staker's stake one operator set can slash, through one operator and strategy.</summary>
public sealed record Exposure(string Staker, string Operator, string OperatorSet, string Strategy, BigInteger Slashable);

/// <summary>
/// The security model read from the engine's state (unique stake): a service per declared operator set,
/// an operator per registered operator with σ_v = its delegated shares, and w_vs = the set's slashable
/// stake of v now (AllocationManager's view: shares·current/max magnitude, summed over the set's
/// strategies). Shares are valued by <c>toWei</c> (default: one share = one wei of an ETH-like token).
/// </summary>
public static class EngineNetwork
{
    public static RestakingNetwork FromState(NetworkState state, IReadOnlyDictionary<string, SetDeclaration> declarations, Func<Strategy, UInt256, BigInteger>? toWei = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(declarations);
        var value = toWei ?? ((_, shares) => shares);
        var sets = declarations.Keys.Order(StringComparer.Ordinal).Select(k =>
            state.OperatorSetByKey(k) ?? throw new RiskModelException("UnknownOperatorSet", $"no operator set {k} (keys are avs/id)")).ToArray();
        var ops = state.Operators.Values.OrderBy(o => o.Name, StringComparer.Ordinal).ToArray();
        var operators = ops.Select(o => new Operator(o.Name,
            o.Strategies.Aggregate(BigInteger.Zero, (a, os) => a + value(os.Strategy, os.Shares)))).ToArray();
        var services = sets.Select(s => new Service(s.Key, declarations[s.Key].ProfitFromCorruption, declarations[s.Key].ThresholdBps)).ToArray();
        var w = new BigInteger[ops.Length, sets.Length];
        for (var v = 0; v < ops.Length; v++)
            for (var j = 0; j < sets.Length; j++)
                foreach (var strategy in sets[j].Strategies)
                    w[v, j] += value(strategy, state.SlashableStake(ops[v], sets[j], strategy));
        return new RestakingNetwork(operators, services, w);
    }

    /// <summary>
    /// The exposure graph staker → operator → operator set: for every delegated staker, position and set
    /// its operator is slashable in, the staker's withdrawable shares times the set's magnitude share
    /// (current/max, rounded down like the engine's SlashableStake), valued by <c>toWei</c>.
    /// </summary>
    public static IReadOnlyList<Exposure> Exposures(NetworkState state, Func<Strategy, UInt256, BigInteger>? toWei = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = toWei ?? ((_, shares) => shares);
        var result = new List<Exposure>();
        foreach (var staker in state.Stakers.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (staker.DelegatedTo is not { } opName || !state.Operators.TryGetValue(opName, out var op)) continue;
            foreach (var position in staker.AllPositions)
            {
                var os = op.Find(position.Strategy);
                if (os is null || os.MaxMagnitude == 0) continue;
                var withdrawable = state.WithdrawableShares(staker, position);
                if (withdrawable.IsZero) continue;
                foreach (var set in os.Allocations.Keys.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    if (!state.IsOperatorSlashable(op, set) || !set.Contains(position.Strategy)) continue;
                    var (current, _, _, _) = state.UpdatedAllocation(os, set);
                    var slashable = Wad.MulDown(withdrawable, Wad.DivDown(current, os.MaxMagnitude));
                    if (!slashable.IsZero)
                        result.Add(new Exposure(staker.Name, op.Name, set.Key, position.Strategy.Name, value(position.Strategy, slashable)));
                }
            }
        }
        return result;
    }
}
