using System.Numerics;
using Restake.Lrt.OnEngine;
using Restake.Protocol.State;

namespace Restake.Risk;

/// <summary>
/// A slashing condition an AVS declares for one of its operator sets: the largest fraction of an operator's
/// slashable stake one proven fault slashes (1..10,000 bps) and, optionally, the fault's expected probability
/// per year (0..10,000 bps).
/// </summary>
public sealed record SlashingCondition(string OperatorSet, string Name, int MaxBps, int? ProbabilityBps = null);

/// <summary>Who holds the stake at risk: a restaker of the engine, an LRT, or a holder of an LRT's token.</summary>
public enum HolderKind
{
    Restaker,
    Lrt,
    LrtHolder,
}

/// <summary>
/// The last layer of the exposure graph: what one condition of one operator set puts at stake of one holder,
/// ⌊slashable · MaxBps / 10,000⌋, and with a declared probability the expected loss a year,
/// ⌊at stake · ProbabilityBps / 10,000⌋. LRT holders get ⌊LRT's at stake · balance / supply⌋.
/// </summary>
public sealed record ConditionExposure(string Holder, HolderKind Kind, string? Lrt, string OperatorSet, string Condition, BigInteger AtStake, BigInteger? ExpectedLoss);

/// <summary>
/// Holder → operator → operator set → slashing condition. A restaker's slashable stake in a set is the sum over its
/// operator's strategies of <see cref="EngineNetwork.Exposures"/> (shares valued one to one, as the model does);
/// an LRT's is <see cref="LrtHolders.Sets"/> (ETH as the LRT prices it). An LRT's node delegators are stakers of
/// the engine, but their stake is the LRT's: they are listed once, as the LRT, not again as restakers.
/// </summary>
public static class SlashingConditions
{
    public const int BpsDenominator = 10_000;

    /// <summary>Checks declarations against the state; the first bad one is thrown as a named <see cref="RiskModelException"/>.</summary>
    public static void Validate(NetworkState state, IReadOnlyList<SlashingCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(conditions);
        var seen = new HashSet<(string, string)>();
        foreach (var c in conditions)
        {
            if (state.OperatorSetByKey(c.OperatorSet) is null)
                throw new RiskModelException("UnknownOperatorSet", $"no operator set {c.OperatorSet} (keys are avs/id)");
            if (string.IsNullOrWhiteSpace(c.Name))
                throw new RiskModelException("EmptyConditionName", $"a condition of {c.OperatorSet} has no name");
            if (c.MaxBps is < 1 or > BpsDenominator)
                throw new RiskModelException("MaxBpsOutOfRange", $"condition {c.OperatorSet}:{c.Name} slashes {c.MaxBps} bps, outside 1..10000");
            if (c.ProbabilityBps is < 0 or > BpsDenominator)
                throw new RiskModelException("ProbabilityOutOfRange", $"condition {c.OperatorSet}:{c.Name} has probability {c.ProbabilityBps} bps a year, outside 0..10000");
            if (!seen.Add((c.OperatorSet, c.Name)))
                throw new RiskModelException("DuplicateCondition", $"condition {c.Name} of {c.OperatorSet} is declared twice");
        }
    }

    /// <summary>Every holder's stake at each declared condition, largest first (ties by holder, set, condition).</summary>
    public static IReadOnlyList<ConditionExposure> Of(NetworkState state, LrtBook? lrts, IReadOnlyList<SlashingCondition> conditions)
    {
        Validate(state, conditions);
        var bySet = conditions.GroupBy(c => c.OperatorSet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new List<ConditionExposure>();
        if (bySet.Count == 0) return result;

        var lrtNodes = lrts is null ? [] : lrts.Vaults.Values.SelectMany(v => v.Nodes.Select(n => n.Name)).ToHashSet(StringComparer.Ordinal);
        var restakers = EngineNetwork.Exposures(state)
            .Where(e => !lrtNodes.Contains(e.Staker) && bySet.ContainsKey(e.OperatorSet))
            .GroupBy(e => (e.Staker, e.OperatorSet))
            .Select(g => (g.Key.Staker, g.Key.OperatorSet, Slashable: g.Aggregate(BigInteger.Zero, (a, e) => a + e.Slashable)));
        foreach (var (staker, set, slashable) in restakers)
            foreach (var c in bySet[set])
                result.Add(Exposure(staker, HolderKind.Restaker, null, c, slashable));

        if (lrts is not null)
        {
            foreach (var e in LrtHolders.Sets(state, lrts).Where(e => bySet.ContainsKey(e.OperatorSet)))
            {
                foreach (var c in bySet[e.OperatorSet])
                {
                    var lrt = Exposure(e.Lrt, HolderKind.Lrt, e.Lrt, c, e.Slashable);
                    result.Add(lrt);
                    if (e.Supply.IsZero) continue;
                    foreach (var (holder, balance) in lrts.Vaults[e.Lrt].Token.Balances.OrderBy(b => b.Key, StringComparer.Ordinal))
                    {
                        if (balance.IsZero) continue;
                        var part = lrt.AtStake * (BigInteger)balance / e.Supply;
                        result.Add(new ConditionExposure(holder, HolderKind.LrtHolder, e.Lrt, c.OperatorSet, c.Name, part,
                            c.ProbabilityBps is { } p ? part * p / BpsDenominator : null));
                    }
                }
            }
        }
        return result.Where(r => !r.AtStake.IsZero)
            .OrderByDescending(r => r.AtStake)
            .ThenBy(r => r.Holder, StringComparer.Ordinal)
            .ThenBy(r => r.OperatorSet, StringComparer.Ordinal)
            .ThenBy(r => r.Condition, StringComparer.Ordinal)
            .ToList();
    }

    private static ConditionExposure Exposure(string holder, HolderKind kind, string? lrt, SlashingCondition c, BigInteger slashable)
    {
        var atStake = slashable * c.MaxBps / BpsDenominator;
        return new ConditionExposure(holder, kind, lrt, c.OperatorSet, c.Name, atStake, c.ProbabilityBps is { } p ? atStake * p / BpsDenominator : null);
    }
}
