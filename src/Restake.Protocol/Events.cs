using Restake.Primitives;

namespace Restake.Protocol;

/// <summary>What the engine did, named after the reference contracts' events where one exists.</summary>
public abstract record ProtocolEvent
{
    public string Name => GetType().Name;
}

public sealed record TokenAdded(string Symbol, int Decimals) : ProtocolEvent;
public sealed record StrategyAdded(string Strategy, string Token) : ProtocolEvent;
public sealed record Transfer(string From, string To, string Token, UInt256 Amount) : ProtocolEvent;
public sealed record Deposited(string Staker, string Strategy, UInt256 Amount, UInt256 Shares) : ProtocolEvent;
public sealed record StrategyCapsSet(string Strategy, UInt256? MaxPerDeposit, UInt256? MaxTotalDeposits) : ProtocolEvent;
public sealed record PodDeployed(string Owner) : ProtocolEvent;
public sealed record ValidatorRestaked(string Owner, long Index, ulong RestakedBalanceGwei) : ProtocolEvent;
public sealed record ValidatorBalanceUpdated(string Owner, long Index, ulong NewBalanceGwei) : ProtocolEvent;
public sealed record ValidatorWithdrawn(string Owner, long Index) : ProtocolEvent;
public sealed record CheckpointFinalized(string Owner, long Block, string BalanceDeltaWei) : ProtocolEvent;
public sealed record PodSharesUpdated(string Owner, UInt256 SharesDelta, UInt256 NewTotal) : ProtocolEvent;
public sealed record BeaconChainSlashingFactorDecreased(string Owner, ulong Previous, ulong New) : ProtocolEvent;
public sealed record RestakedBeaconChainEthWithdrawn(string Owner, UInt256 AmountWei) : ProtocolEvent;
public sealed record OperatorRegistered(string Operator) : ProtocolEvent;
public sealed record AllocationDelaySet(string Operator, uint Delay, long EffectBlock) : ProtocolEvent;
public sealed record StakerDelegated(string Staker, string Operator) : ProtocolEvent;
public sealed record StakerUndelegated(string Staker, string Operator) : ProtocolEvent;
public sealed record StakerForceUndelegated(string Staker, string Operator) : ProtocolEvent;
public sealed record OperatorSharesIncreased(string Operator, string Staker, string Strategy, UInt256 Shares) : ProtocolEvent;
public sealed record OperatorSharesDecreased(string Operator, string Staker, string Strategy, UInt256 Shares) : ProtocolEvent;
public sealed record DepositScalingFactorUpdated(string Staker, string Strategy, UInt256 NewScalingFactor) : ProtocolEvent;
public sealed record SlashingWithdrawalQueued(string Id, string Staker, string? DelegatedTo, string Strategy, UInt256 ScaledShares, UInt256 WithdrawableShares, long StartBlock) : ProtocolEvent;
public sealed record SlashingWithdrawalCompleted(string Id, UInt256 Shares, bool AsTokens) : ProtocolEvent;
public sealed record AvsRegistered(string Avs) : ProtocolEvent;
public sealed record OperatorSetCreated(string Avs, long Set, IReadOnlyList<string> Strategies) : ProtocolEvent;
public sealed record OperatorAddedToOperatorSet(string Operator, string Avs, long Set) : ProtocolEvent;
public sealed record OperatorRemovedFromOperatorSet(string Operator, string Avs, long Set, long SlashableUntil) : ProtocolEvent;
public sealed record AllocationUpdated(string Operator, string Avs, long Set, string Strategy, ulong Magnitude, long EffectBlock) : ProtocolEvent;
public sealed record EncumberedMagnitudeUpdated(string Operator, string Strategy, ulong Encumbered) : ProtocolEvent;
public sealed record MaxMagnitudeUpdated(string Operator, string Strategy, ulong MaxMagnitude) : ProtocolEvent;
public sealed record OperatorSlashed(string Operator, string Avs, long Set, long SlashId, IReadOnlyList<string> Strategies, IReadOnlyList<UInt256> WadsSlashed, string? Description) : ProtocolEvent;
public sealed record OperatorSharesSlashed(string Operator, string Strategy, UInt256 TotalShares, UInt256 FromOperator, UInt256 FromQueue) : ProtocolEvent;
public sealed record SlashedSharesBurned(string Strategy, UInt256 Shares, UInt256 Tokens) : ProtocolEvent;
public sealed record BlocksRolled(long FromBlock, long ToBlock) : ProtocolEvent;
public sealed record StageChanged(int Stage) : ProtocolEvent;
public sealed record RewardsSubmissionCreated(string Id, string Kind, string Submitter, string Token, UInt256 Amount, long Start, long Duration) : ProtocolEvent;
public sealed record OperatorSplitSet(string Operator, string? Avs, long? Set, int OldBips, int NewBips, long ActivatedAt) : ProtocolEvent;
public sealed record ClaimerSet(string Earner, string Claimer) : ProtocolEvent;
public sealed record DistributionRootSubmitted(int Index, string Root, long CalculationEnd, long ActivatedAt) : ProtocolEvent;
public sealed record DistributionRootDisabled(int Index) : ProtocolEvent;
public sealed record RewardsClaimed(string Earner, string Claimer, string Recipient, string Token, UInt256 Amount) : ProtocolEvent;
