namespace Restake.Primitives;

/// <summary>
/// A value over block numbers, as the reference's <c>Snapshots</c> library keeps it: an append-only
/// list of (block, value) checkpoints, one per block at most, with a default before the first.
/// </summary>
public sealed class BlockHistory
{
    private readonly List<long> _blocks = [];
    private readonly List<UInt256> _values = [];
    private readonly UInt256 _default;

    public BlockHistory(UInt256 defaultValue) => _default = defaultValue;

    public int Count => _blocks.Count;

    public UInt256 Latest => _values.Count == 0 ? _default : _values[^1];

    /// <summary>Records <paramref name="value"/> at <paramref name="block"/>; a second push in the same block overwrites.</summary>
    public void Push(long block, UInt256 value)
    {
        if (_blocks.Count > 0)
        {
            var last = _blocks[^1];
            if (block < last)
            {
                throw new InvalidOperationException($"history is append-only: block {block} is before {last}");
            }
            if (block == last)
            {
                _values[^1] = value;
                return;
            }
        }
        _blocks.Add(block);
        _values.Add(value);
    }

    /// <summary>The value of the last checkpoint at or before <paramref name="block"/> (the reference's upperLookup).</summary>
    public UInt256 At(long block)
    {
        var index = _blocks.BinarySearch(block);
        if (index >= 0)
        {
            return _values[index];
        }
        var before = ~index - 1;
        return before < 0 ? _default : _values[before];
    }

    public IEnumerable<(long Block, UInt256 Value)> Entries => _blocks.Zip(_values);

    public BlockHistory Clone()
    {
        var copy = new BlockHistory(_default);
        copy._blocks.AddRange(_blocks);
        copy._values.AddRange(_values);
        return copy;
    }
}
