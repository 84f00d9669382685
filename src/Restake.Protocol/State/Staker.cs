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
}

public sealed class Staker(string name)
{
    public string Name { get; } = name;
    public string? DelegatedTo { get; internal set; }
    public bool IsDelegated => DelegatedTo is not null;
    /// <summary>Every strategy the staker ever held, so the scaling factor survives an empty position.</summary>
    internal List<Position> Positions { get; } = [];
    /// <summary>StrategyManager's stakerStrategyList: ERC-20 strategies with deposit shares, in the reference's order (swap-and-pop removal).</summary>
    internal List<Strategy> StrategyList { get; } = [];
    public long WithdrawalNonce { get; internal set; }

    public IReadOnlyList<Position> AllPositions => Positions;

    public Position? Find(Strategy strategy)
    {
        foreach (var p in Positions)
        {
            if (ReferenceEquals(p.Strategy, strategy))
            {
                return p;
            }
        }
        return null;
    }

    internal Position GetOrAdd(Strategy strategy)
    {
        var p = Find(strategy);
        if (p is null)
        {
            p = new Position(strategy);
            Positions.Add(p);
        }
        return p;
    }

    public UInt256 DepositSharesOf(Strategy strategy) => Find(strategy)?.DepositShares ?? UInt256.Zero;

    /// <summary>getDepositedShares: the strategy list, then native ETH if the pod owner holds shares.</summary>
    public IEnumerable<Position> DepositedPositions()
    {
        foreach (var s in StrategyList)
        {
            yield return Find(s)!;
        }
        foreach (var p in Positions)
        {
            if (p.Strategy.IsBeacon && !p.DepositShares.IsZero)
            {
                yield return p;
            }
        }
    }
}
