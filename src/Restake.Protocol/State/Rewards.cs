using Restake.Primitives;

namespace Restake.Protocol.State;

public enum RewardsKind
{
    /// <summary>createAVSRewardsSubmission: stake-weighted among the AVS's operators and their stakers.</summary>
    Avs,
    /// <summary>createRewardsForAllEarners: every staker and operator registered to an AVS.</summary>
    AllEarners,
    /// <summary>createOperatorDirectedAVSRewardsSubmission: amounts chosen per operator.</summary>
    OperatorDirected,
    /// <summary>createOperatorDirectedOperatorSetRewardsSubmission.</summary>
    OperatorDirectedSet,
}

public sealed record StrategyMultiplier(Strategy Strategy, UInt256 Multiplier);

public sealed record OperatorReward(string Operator, UInt256 Amount);

public sealed class RewardsSubmission
{
    public required string Id { get; init; }
    public required RewardsKind Kind { get; init; }
    /// <summary>The AVS (or, for rewards to all earners, the submitter).</summary>
    public required string Submitter { get; init; }
    public OperatorSet? Set { get; init; }
    public required Token Token { get; init; }
    /// <summary>Total escrowed (for operator-directed rewards, the sum over operators).</summary>
    public required UInt256 Amount { get; init; }
    public required long Start { get; init; }
    public required long Duration { get; init; }
    public required IReadOnlyList<StrategyMultiplier> Strategies { get; init; }
    public IReadOnlyList<OperatorReward> OperatorRewards { get; init; } = [];
    public required long Nonce { get; init; }
    public required long SubmittedAt { get; init; }
}

/// <summary>An operator's commission (bips) with its pending change, as RewardsCoordinator stores it.</summary>
public sealed class OperatorSplit
{
    public const ushort Uninitialized = ushort.MaxValue;
    public ushort OldBips { get; internal set; }
    public ushort NewBips { get; internal set; }
    public long ActivatedAt { get; internal set; }

    /// <summary>_getOperatorSplit at <paramref name="time"/>.</summary>
    public int At(long time, int defaultBips) =>
        ActivatedAt == 0 || (OldBips == Uninitialized && time < ActivatedAt) ? defaultBips
        : time >= ActivatedAt ? NewBips
        : OldBips;
}

/// <summary>Which split an entry governs: an operator for one AVS, for one operator set, or for rewards to all earners (PI).</summary>
public readonly record struct SplitKey(string Operator, string? Avs, long? Set);

public sealed record SplitChange(SplitKey Key, ushort Bips, long SetAt, long ActivatedAt);

public sealed class DistributionRoot
{
    public required int Index { get; init; }
    public required byte[] Root { get; init; }
    public required long CalculationEnd { get; init; }
    public required long ActivatedAt { get; init; }
    public required long SubmittedAt { get; init; }
    public bool Disabled { get; internal set; }
}

public sealed class RewardsLedger
{
    internal List<RewardsSubmission> SubmissionList { get; } = [];
    internal Dictionary<string, RewardsSubmission> SubmissionsById { get; } = [];
    internal Dictionary<SplitKey, OperatorSplit> SplitsByKey { get; } = [];
    internal List<SplitChange> SplitChangeList { get; } = [];
    internal List<DistributionRoot> RootList { get; } = [];
    internal Dictionary<(string Earner, string Token), UInt256> Claimed { get; } = [];
    internal Dictionary<string, string> ClaimerOf { get; } = [];
    internal Dictionary<string, long> NonceOf { get; } = [];

    public IReadOnlyList<RewardsSubmission> Submissions => SubmissionList;
    public IReadOnlyDictionary<SplitKey, OperatorSplit> Splits => SplitsByKey;
    /// <summary>Every split change in order, for the off-chain calculation's daily split snapshots.</summary>
    public IReadOnlyList<SplitChange> SplitChanges => SplitChangeList;
    public IReadOnlyList<DistributionRoot> Roots => RootList;
    public IReadOnlyDictionary<(string Earner, string Token), UInt256> CumulativeClaimed => Claimed;
    public IReadOnlyDictionary<string, string> Claimers => ClaimerOf;
    public long CurrentCalculationEnd { get; internal set; }

    public UInt256 ClaimedBy(string earner, string token) => Claimed.GetValueOrDefault((earner, token));
}
