namespace Restake.Risk;

/// <summary>
/// Finds a subset of positive integers summing to exactly a target. Used to prove unique-stake attacks
/// optimal: the cheapest coalition holding r units of a service costs at least r, so a coalition whose
/// allocations add up to exactly ⌈r⌉ is optimal, without any search over the rest.
/// Method: the smallest values go into a bitset dynamic program over sums up to a cap (about 8M units);
/// the larger values are packed greedily (largest first, then in seeded random orders) below the target,
/// and the gap left is looked up in the table. Exact when it answers; it may fail to answer.
/// </summary>
public static class SubsetSum
{
    private const int Cap = 1 << 23;

    /// <summary>Indices of a subset of <paramref name="values"/> (all &gt; 0) summing to exactly
    /// <paramref name="target"/>, or null when none was found (which proves nothing).</summary>
    public static int[]? Exact(IReadOnlyList<long> values, long target, int tries = 64, int seed = 1) =>
        Search(values, target, tries, seed, exactOnly: true);

    /// <summary>A subset with sum ≥ <paramref name="target"/>, as small as the same search finds (exact when
    /// it can), or null when all values fall short. No claim that it is the least.</summary>
    public static int[]? Near(IReadOnlyList<long> values, long target, int tries = 64, int seed = 1) =>
        Search(values, target, tries, seed, exactOnly: false);

    private static int[]? Search(IReadOnlyList<long> values, long target, int tries, int seed, bool exactOnly)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (target < 0) return null;
        if (target == 0) return [];
        if (values.Any(v => v <= 0)) throw new ArgumentException("values must be positive", nameof(values));
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        // Small values: as many of the smallest as fit under the cap together.
        var k = 0;
        long smallSum = 0;
        while (k < order.Length && smallSum + values[order[k]] <= Math.Min(Cap, target)) smallSum += values[order[k++]];
        var size = (int)smallSum + 1;
        var words = new ulong[(size + 63) / 64];
        var first = new int[size];
        words[0] = 1;
        first[0] = -1;
        var shifted = new ulong[words.Length];
        for (var i = 0; i < k; i++)
        {
            var v = (int)values[order[i]];
            ShiftLeft(words, v, shifted);
            for (var w = 0; w < words.Length; w++)
            {
                var added = shifted[w] & ~words[w];
                if (added == 0) continue;
                words[w] |= added;
                while (added != 0)
                {
                    var bit = System.Numerics.BitOperations.TrailingZeroCount(added);
                    var t = w * 64 + bit;
                    if (t < size) first[t] = i;
                    added &= added - 1;
                }
            }
        }
        bool Reach(long t) => t >= 0 && t < size && (words[t >> 6] >> (int)(t & 63) & 1) != 0;
        var large = order.Skip(k).ToArray();
        var rng = new Random(seed);
        List<int>? best = null;
        var bestOver = long.MaxValue;
        // The least reachable sum ≥ t in the table, word by word; size when there is none.
        long NextReach(long t)
        {
            if (t < 0) t = 0;
            for (var w = t >> 6; w < words.Length; w++)
            {
                var bits = w == t >> 6 ? words[w] & (ulong.MaxValue << (int)(t & 63)) : words[w];
                if (bits != 0) return Math.Min(size, (w * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
            return size;
        }
        // With fewer than two large values every order is the same: one attempt.
        if (large.Length < 2) tries = 1;
        for (var attempt = 0; attempt < tries; attempt++)
        {
            if (attempt > 0) rng.Shuffle(large);
            var taken = new List<int>();
            var left = target;
            foreach (var idx in large)
            {
                if (Reach(left)) break;
                if (values[idx] <= left)
                {
                    taken.Add(idx);
                    left -= values[idx];
                }
            }
            var t = left;
            if (!Reach(t))
            {
                if (exactOnly) continue;
                // The least reachable sum above the gap, else the smallest unused large value on top.
                t = NextReach(left + 1);
                if (t >= size)
                {
                    var unused = large.Where(i => !taken.Contains(i) && values[i] >= left).ToList();
                    if (unused.Count == 0) continue;
                    var extra = unused.MinBy(i => values[i]);
                    taken.Add(extra);
                    t = 0;
                    left -= values[extra];
                }
            }
            var over = t - left;
            if (over >= bestOver) continue;
            // Walk the table back: the item that first reached t, then the rest from earlier items.
            while (t > 0)
            {
                var i = first[t];
                taken.Add(order[i]);
                t -= values[order[i]];
            }
            best = taken;
            bestOver = over;
            if (over == 0) break;
        }
        return best is null ? null : [.. best.Order()];
    }

    /// <summary>
    /// The least sum ≥ <paramref name="target"/> over all subsets, exactly, by meeting in the middle (two
    /// halves of at most 20 values each, every subset sum of one half sorted, the other half searched
    /// against it). Returns the indices, or null when even all values fall short.
    /// </summary>
    public static int[]? LeastAtLeast(IReadOnlyList<long> values, long target)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > MaxMeetInTheMiddle) throw new ArgumentException($"at most {MaxMeetInTheMiddle} values", nameof(values));
        if (target <= 0) return [];
        if (values.Sum() < target) return null;
        var half = values.Count / 2;
        var left = Sums(values, 0, half);
        var right = Sums(values, half, values.Count - half);
        Array.Sort(right.Sum, right.Mask);
        long best = long.MaxValue;
        (long, long) pick = (0, 0);
        for (var i = 0; i < left.Sum.Length; i++)
        {
            var want = target - left.Sum[i];
            var j = Array.BinarySearch(right.Sum, want);
            if (j < 0) j = ~j;
            // Masks of equal sums sort arbitrarily; any of them will do.
            if (j >= right.Sum.Length) continue;
            var total = left.Sum[i] + right.Sum[j];
            if (total < best)
            {
                best = total;
                pick = (left.Mask[i], right.Mask[j]);
                if (best == target) break;
            }
        }
        var result = new List<int>();
        for (var b = 0; b < half; b++) if ((pick.Item1 >> b & 1) != 0) result.Add(b);
        for (var b = 0; b < values.Count - half; b++) if ((pick.Item2 >> b & 1) != 0) result.Add(half + b);
        return [.. result];
    }

    public const int MaxMeetInTheMiddle = 40;

    private static (long[] Sum, long[] Mask) Sums(IReadOnlyList<long> values, int from, int count)
    {
        var sums = new long[1 << count];
        var masks = new long[1 << count];
        for (var b = 0; b < count; b++)
        {
            var size = 1 << b;
            for (var k = 0; k < size; k++)
            {
                sums[size + k] = sums[k] + values[from + b];
                masks[size + k] = masks[k] | 1L << b;
            }
        }
        return (sums, masks);
    }

    private static void ShiftLeft(ulong[] src, int by, ulong[] dst)
    {
        int ws = by >> 6, bs = by & 63;
        for (var w = dst.Length - 1; w >= 0; w--)
        {
            var from = w - ws;
            ulong hi = from >= 0 ? src[from] << bs : 0;
            ulong lo = bs != 0 && from - 1 >= 0 ? src[from - 1] >> (64 - bs) : 0;
            dst[w] = hi | lo;
        }
    }
}
