using Restake.Primitives;

namespace Restake.Protocol.State;

/// <summary>A staker's holding in one strategy: deposit shares s and deposit scaling factor k.</summary>
public sealed class Position(Strategy strategy)
{
    public Strategy Strategy { get; } = strategy;
    public UInt256 DepositShares { get; internal set; }
    /// <summary>Stored k; 0 means "never set", read as WAD (SlashingLib.scalingFactor).</summary>
    public UInt256 StoredScalingFactor { get; internal set; }
    public UInt256 ScalingFactor => StoredScalingFactor.IsZero ? Wad.Unit : StoredScalingFactor;
    /// <summary>Place in StrategyManager's stakerStrategyList, or -1 when not listed (native ETH, or no shares).</summary>
    internal int ListSlot { get; set; } = -1;
}

/// <summary>
/// A staker. Kept small on purpose (one object, one array, one object per strategy held), since a
/// network has millions of them.
/// </summary>
public sealed class Staker(string name)
{
    private Position[] _positions = [];
    private int _count;

    public string Name { get; } = name;
    public string? DelegatedTo { get; internal set; }
    public bool IsDelegated => DelegatedTo is not null;
    public long WithdrawalNonce { get; internal set; }
    /// <summary>Length of StrategyManager's stakerStrategyList (ERC-20 strategies with deposit shares).</summary>
    public int ListedStrategies { get; private set; }

    /// <summary>Every strategy the staker ever held, so a scaling factor survives an emptied position.</summary>
    public ReadOnlySpan<Position> Positions => _positions.AsSpan(0, _count);

    public IReadOnlyList<Position> AllPositions => _positions[.._count];

    public Position? Find(Strategy strategy)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_positions[i].Strategy, strategy))
            {
                return _positions[i];
            }
        }
        return null;
    }

    internal Position GetOrAdd(Strategy strategy)
    {
        if (Find(strategy) is { } found)
        {
            return found;
        }
        if (_count == _positions.Length)
        {
            Array.Resize(ref _positions, Math.Max(2, _count * 2));
        }
        var p = new Position(strategy);
        _positions[_count++] = p;
        return p;
    }

    public UInt256 DepositSharesOf(Strategy strategy) => Find(strategy)?.DepositShares ?? UInt256.Zero;

    internal void List(Position position) => position.ListSlot = ListedStrategies++;

    /// <summary>StrategyManager removes an emptied strategy by moving the last entry into its slot.</summary>
    internal void Unlist(Position position)
    {
        if (position.ListSlot < 0)
        {
            return;
        }
        var last = ListedStrategies - 1;
        foreach (var p in Positions)
        {
            if (p.ListSlot == last)
            {
                p.ListSlot = position.ListSlot;
                break;
            }
        }
        position.ListSlot = -1;
        ListedStrategies--;
    }

    /// <summary>getDepositedShares: the strategy list in its order, then native ETH if the pod owner holds shares.</summary>
    public List<Position> DepositedPositions()
    {
        var listed = new Position[ListedStrategies];
        Position? beacon = null;
        foreach (var p in Positions)
        {
            if (p.ListSlot >= 0)
            {
                listed[p.ListSlot] = p;
            }
            else if (p.Strategy.IsBeacon && !p.DepositShares.IsZero)
            {
                beacon = p;
            }
        }
        var result = new List<Position>(listed);
        if (beacon is not null)
        {
            result.Add(beacon);
        }
        return result;
    }
}
