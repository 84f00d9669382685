using System.Numerics;

namespace Restake.EigenDA.Network;

/// <summary>An operator's chunks for one blob: the contiguous indices StartIndex .. StartIndex + Count − 1.</summary>
public readonly record struct ChunkAssignment(int StartIndex, int Count)
{
    public IEnumerable<int> Indices => Enumerable.Range(StartIndex, Count);
}

/// <summary>
/// Stake-proportional chunk assignment for a single quorum (spec attestation/assignment.md, core/v2/assignment.go):
/// operators sorted by id, operator i gets ⌈(c − n)·stake_i / totalStake⌉ chunks, capped at c·γ (one blob's worth),
/// as consecutive index ranges. Σ⌈·⌉ ≤ (c − n) + #operators ≤ c, so the ranges fit. Any operators holding a stake share
/// s get at least (c − n)·s chunks (or one capped operator alone holds c·γ), so s ≥ c/(c − n)·γ suffices to reconstruct.
/// </summary>
public static class Assignment
{
    public static IReadOnlyDictionary<OperatorId, ChunkAssignment> ForQuorum(IEnumerable<RegisteredOperator> operators, byte quorum, DaParams p)
    {
        p.Validate();
        var members = operators.Where(o => o.StakeIn(quorum) > 0).OrderBy(o => o.Id.Hex, StringComparer.Ordinal).ToList();
        if (members.Count == 0)
        {
            throw new DaException(DaError.BadOperatorSet, $"no operator has stake in quorum {quorum}");
        }
        if (members.Count > p.MaxNumOperators)
        {
            throw new DaException(DaError.BadOperatorSet, $"{members.Count} operators in quorum {quorum}; the parameters allow {p.MaxNumOperators}");
        }
        if (members.Select(m => m.Id).Distinct().Count() != members.Count)
        {
            throw new DaException(DaError.BadOperatorSet, "two operators share an id (the same BLS key)");
        }
        var total = members.Aggregate(BigInteger.Zero, (acc, o) => acc + o.StakeIn(quorum));
        var result = new Dictionary<OperatorId, ChunkAssignment>();
        int next = 0;
        foreach (var o in members)
        {
            // Exact ceiling of (c − n)·stake/total in integers.
            var numerator = (p.NumChunks - p.MaxNumOperators) * o.StakeIn(quorum);
            var count = (int)BigInteger.Min((numerator + total - 1) / total, p.ChunksForOneBlob);
            result[o.Id] = new ChunkAssignment(next, count);
            next += count;
        }
        return result;
    }
}
