using Restake.EigenDA.Crypto;
using Restake.Primitives;
using Restake.Protocol.State;

namespace Restake.AvsFramework;

/// <summary>An operator's registered BLS key (BLSApkRegistry's entry) and the block it was registered at.</summary>
public sealed record BlsKey(string Operator, Affine<Fp> G1, Affine<Fp2> G2, long Block);

/// <summary>
/// The AVS's stake history (StakeRegistry's per-operator checkpoints): each operator's slashable stake in the set, per
/// strategy, checkpointed at the block it changed. The owner syncs it with the engine after every change (the node after
/// every log entry), so "stake at block B" is the last checkpoint at or before B.
/// </summary>
public sealed class StakeRegistry
{
    private readonly SortedDictionary<string, SortedDictionary<string, BlockHistory>> _byOperator = new(StringComparer.Ordinal);

    public IEnumerable<string> Operators => _byOperator.Keys;

    /// <summary>Records every changed stake of the set's operators at the current block.</summary>
    public void Sync(NetworkState state, string avs, long setId)
    {
        if (state.OperatorSetByKey($"{avs}/{setId}") is not { } set)
        {
            return;
        }
        foreach (var name in set.Members.Concat(_byOperator.Keys).Distinct(StringComparer.Ordinal).ToList())
        {
            if (!state.Operators.TryGetValue(name, out var op))
            {
                continue;
            }
            if (!_byOperator.TryGetValue(name, out var histories))
            {
                _byOperator[name] = histories = new SortedDictionary<string, BlockHistory>(StringComparer.Ordinal);
            }
            foreach (var strategy in set.Strategies)
            {
                var stake = state.SlashableStake(op, set, strategy);
                if (!histories.TryGetValue(strategy.Name, out var h))
                {
                    if (stake.IsZero)
                    {
                        continue;
                    }
                    histories[strategy.Name] = h = new BlockHistory(UInt256.Zero);
                }
                if (h.Latest != stake)
                {
                    h.Push(state.Block, stake);
                }
            }
        }
    }

    /// <summary>The operator's slashable stake in the strategy at <paramref name="block"/> (0 if it had none).</summary>
    public UInt256 StakeAt(string @operator, string strategy, long block) =>
        _byOperator.TryGetValue(@operator, out var h) && h.TryGetValue(strategy, out var history) ? history.At(block) : UInt256.Zero;

    /// <summary>Every checkpoint of one operator, by strategy (for the API and the dashboard).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(long Block, UInt256 Stake)>> History(string @operator) =>
        _byOperator.TryGetValue(@operator, out var h)
            ? h.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<(long, UInt256)>)kv.Value.Entries.ToList(), StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<(long, UInt256)>>(StringComparer.Ordinal);
}

/// <summary>One quorum member at a reference block: its keys and its stake per quorum strategy.</summary>
public sealed record QuorumMember(string Operator, Affine<Fp> G1, Affine<Fp2> G2, IReadOnlyDictionary<string, UInt256> Stakes);

/// <summary>The quorum as it stood at a block: members ordered by name, and the total stake per quorum strategy.</summary>
public sealed record QuorumView(long Block, IReadOnlyList<QuorumMember> Members, IReadOnlyDictionary<string, UInt256> Totals)
{
    public QuorumMember? Find(string @operator) => Members.FirstOrDefault(m => m.Operator == @operator);

    /// <summary>Whether <paramref name="backers"/> hold every strategy's threshold: backed·100 ≥ total·percent, and total > 0.</summary>
    public bool Reached(IReadOnlyList<QuorumThreshold> thresholds, IEnumerable<string> backers, out string shortfall)
    {
        var set = backers.ToHashSet(StringComparer.Ordinal);
        foreach (var t in thresholds)
        {
            var total = Totals.GetValueOrDefault(t.Strategy);
            var backed = UInt256.Zero;
            foreach (var m in Members)
            {
                if (set.Contains(m.Operator))
                {
                    backed += m.Stakes.GetValueOrDefault(t.Strategy);
                }
            }
            if (total.IsZero || backed * (UInt256)100UL < total * (UInt256)(ulong)t.Percent)
            {
                shortfall = $"{t.Strategy}: {backed} of {total} backs the result, below {t.Percent}%";
                return false;
            }
        }
        shortfall = "";
        return true;
    }
}
