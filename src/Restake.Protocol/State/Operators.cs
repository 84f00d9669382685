using Restake.Primitives;

namespace Restake.Protocol.State;

/// <summary>An operator set: an AVS's group of operators slashable in a fixed list of strategies.</summary>
public sealed class OperatorSet(Avs avs, long id)
{
    public Avs Avs { get; } = avs;
    public long Id { get; } = id;
    public string Key { get; } = $"{avs.Name}/{id}";
    internal List<Strategy> StrategyList { get; } = [];
    public IReadOnlyList<Strategy> Strategies => StrategyList;
    internal List<string> MemberList { get; } = [];
    public IReadOnlyList<string> Members => MemberList;
    public long SlashCount { get; internal set; }

    public bool Contains(Strategy strategy) => StrategyList.Contains(strategy);
}

public sealed class Avs(string name)
{
    public string Name { get; } = name;
    internal SortedDictionary<long, OperatorSet> SetsById { get; } = [];
    public IReadOnlyDictionary<long, OperatorSet> Sets => SetsById;
}

/// <summary>An operator's allocation to one operator set in one strategy (magnitudes out of WAD).</summary>
public sealed class Allocation
{
    public ulong CurrentMagnitude { get; internal set; }
    public long PendingDiff { get; internal set; }
    public long EffectBlock { get; internal set; }
}

/// <summary>Per operator and strategy: delegated shares, magnitudes and the slashable queue history.</summary>
public sealed class OperatorStrategy(Strategy strategy)
{
    public Strategy Strategy { get; } = strategy;
    public UInt256 Shares { get; internal set; }
    public BlockHistory MaxMagnitudeHistory { get; } = new(Wad.Unit);
    public ulong MaxMagnitude => (ulong)MaxMagnitudeHistory.Latest;
    public ulong EncumberedMagnitude { get; internal set; }
    /// <summary>Cumulative scaled shares queued for withdrawal, by block (DelegationManager._cumulativeScaledSharesHistory).</summary>
    public BlockHistory CumulativeScaledShares { get; } = new(UInt256.Zero);
    internal Dictionary<OperatorSet, Allocation> AllocationsBySet { get; } = [];
    public IReadOnlyDictionary<OperatorSet, Allocation> Allocations => AllocationsBySet;
    internal LinkedList<OperatorSet> DeallocationQueue { get; } = new();
}

public sealed class RegistrationStatus
{
    public bool Registered { get; internal set; }
    /// <summary>Last block (inclusive) at which a deregistered operator can still be slashed.</summary>
    public long SlashableUntil { get; internal set; } = -1;
}

public sealed class Operator(string name)
{
    public string Name { get; } = name;
    public uint AllocationDelay { get; internal set; }
    public uint PendingAllocationDelay { get; internal set; }
    public long AllocationDelayEffectBlock { get; internal set; }
    public bool AllocationDelayIsSet { get; internal set; }
    internal List<OperatorStrategy> StrategyList { get; } = [];
    public IReadOnlyList<OperatorStrategy> Strategies => StrategyList;
    internal Dictionary<OperatorSet, RegistrationStatus> RegistrationsBySet { get; } = [];
    public IReadOnlyDictionary<OperatorSet, RegistrationStatus> Registrations => RegistrationsBySet;
    public long DelegatorCount { get; internal set; }

    public OperatorStrategy? Find(Strategy strategy)
    {
        foreach (var s in StrategyList)
        {
            if (ReferenceEquals(s.Strategy, strategy))
            {
                return s;
            }
        }
        return null;
    }

    internal OperatorStrategy GetOrAdd(Strategy strategy)
    {
        var s = Find(strategy);
        if (s is null)
        {
            s = new OperatorStrategy(strategy);
            StrategyList.Add(s);
        }
        return s;
    }

    /// <summary>getAllocationDelay: the pending delay counts from its effect block on.</summary>
    public (bool IsSet, uint Delay) AllocationDelayAt(long block) =>
        AllocationDelayEffectBlock != 0 && block >= AllocationDelayEffectBlock
            ? (true, PendingAllocationDelay)
            : (AllocationDelayIsSet, AllocationDelay);
}
