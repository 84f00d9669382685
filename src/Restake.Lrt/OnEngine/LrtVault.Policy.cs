using Restake.Primitives;

namespace Restake.Lrt.OnEngine;

// The delegation policy: where new or moved value goes among the node delegators.
public sealed partial class LrtVault
{
    /// <summary>
    /// The most one operator may hold once <paramref name="total"/> is in the pool: ⌈total·cap/1e4⌉. Rounding up
    /// keeps the cap satisfiable to the wei whenever operators × cap ≥ 10,000 (null: no cap).
    /// </summary>
    private UInt256? CapOf(UInt256 total) => Policy.CapBps is { } cap ? Bps.Up(total, cap) : null;

    /// <summary>
    /// Spreads <paramref name="amount"/> (ETH wei) over node delegators holding <paramref name="values"/>: first
    /// toward each target share (furthest below first), then, with a cap, into the room each operator has under
    /// it; without a cap the rest goes to the one furthest below. Refused (ConcentrationCapExceeded) when the
    /// operators' room under the cap cannot take it all, i.e. no split keeps every operator within the cap; with
    /// <paramref name="strict"/> false (value already in the pool, moved by a rebalance) the rest goes where the
    /// targets are furthest off instead.
    /// </summary>
    internal UInt256[] Spread(IReadOnlyList<UInt256> values, UInt256 amount, bool strict = true)
    {
        var total = values.Aggregate(UInt256.Zero, (a, b) => a + b) + amount;
        var limit = CapOf(total);
        var gaps = new UInt256[Nodes.Count];
        var room = new UInt256[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            var target = UInt256.MulDiv(total, Nodes[i].WeightBps, Bps.Denominator);
            gaps[i] = target > values[i] ? target - values[i] : UInt256.Zero;
            room[i] = limit is { } l ? (l > values[i] ? l - values[i] : UInt256.Zero) : UInt256.MaxValue;
        }
        // Furthest below target first; ties keep the node delegators' order.
        var order = Enumerable.Range(0, Nodes.Count).OrderByDescending(i => gaps[i]).ThenBy(i => i).ToList();
        var parts = new UInt256[Nodes.Count];
        var left = amount;
        foreach (var i in order)
        {
            var take = UInt256.Min(left, UInt256.Min(gaps[i], room[i]));
            parts[i] += take;
            left -= take;
        }
        foreach (var i in order)
        {
            var take = UInt256.Min(left, room[i] - parts[i]);
            parts[i] += take;
            left -= take;
        }
        if (!left.IsZero && !strict)
        {
            parts[order[0]] += left;
            left = UInt256.Zero;
        }
        if (!left.IsZero)
        {
            throw Refuse("ConcentrationCapExceeded",
                $"{Nodes.Count} operators cannot take {amount} wei into {Name} with none above {Policy.CapBps} bps (it needs at least {Bps.Scale / Policy.CapBps!.Value + (Bps.Scale % Policy.CapBps.Value == 0 ? 0UL : 1UL)} operators, or a larger pool)");
        }
        return parts;
    }

    /// <summary>
    /// Where a deposit worth <paramref name="value"/> goes: whole to the node delegator furthest below its target
    /// when that keeps its operator within the cap (or there is none); otherwise split by <see cref="Spread"/>.
    /// </summary>
    private UInt256[] Choose(Protocol.State.NetworkState s, UInt256 value)
    {
        var values = Nodes.Select(nd => NodeValue(s, nd)).ToList();
        var total = values.Aggregate(UInt256.Zero, (a, b) => a + b) + value;
        var best = 0;
        UInt256? bestGap = null;
        for (var i = 0; i < Nodes.Count; i++)
        {
            var target = UInt256.MulDiv(total, Nodes[i].WeightBps, Bps.Denominator);
            var gap = target > values[i] ? target - values[i] : UInt256.Zero;
            if (bestGap is null || gap > bestGap.Value)
            {
                best = i;
                bestGap = gap;
            }
        }
        if (CapOf(total) is not { } limit || values[best] + value <= limit)
        {
            var whole = new UInt256[Nodes.Count];
            whole[best] = value;
            return whole;
        }
        return Spread(values, value);
    }
}
