namespace Restake.Protocol;

/// <summary>
/// The protocol's parameters; each default is the mainnet value
/// (eigenlayer-contracts script/configs/mainnet.json, docs/core/*.md "Parameterization").
/// </summary>
public sealed record ProtocolParams
{
    public int Stage { get; init; } = 3;
    /// <summary>MIN_WITHDRAWAL_DELAY_BLOCKS: 14 days of 12 s blocks.</summary>
    public long WithdrawalDelayBlocks { get; init; } = 100_800;
    /// <summary>DEALLOCATION_DELAY, also the slashable window after deregistration.</summary>
    public long DeallocationDelayBlocks { get; init; } = 100_800;
    /// <summary>ALLOCATION_CONFIGURATION_DELAY (17.5 days).</summary>
    public long AllocationConfigurationDelayBlocks { get; init; } = 126_000;
    public long SecondsPerBlock { get; init; } = 12;
    /// <summary>Unix time of block 0 (default 2024-04-09T00:00:00Z, the stage 2 mainnet launch).</summary>
    public long GenesisTime { get; init; } = 1_712_620_800;
    public RewardsParams Rewards { get; init; } = new();
}

/// <summary>RewardsCoordinator parameters; defaults are mainnet's (script/configs/mainnet.json, RewardsCoordinatorStorage).</summary>
public sealed record RewardsParams
{
    /// <summary>Delay between a root's submission and its claims, and before a new operator split applies.</summary>
    public long ActivationDelaySeconds { get; init; } = 604_800;
    /// <summary>CALCULATION_INTERVAL_SECONDS: starts and durations are multiples of it.</summary>
    public long CalculationIntervalSeconds { get; init; } = 604_800;
    public long MaxRewardsDurationSeconds { get; init; } = 6_048_000;
    public long MaxRetroactiveLengthSeconds { get; init; } = 14_515_200;
    public long MaxFutureLengthSeconds { get; init; } = 2_592_000;
    /// <summary>GENESIS_REWARDS_TIMESTAMP, 2024-03-21T00:00:00Z.</summary>
    public long GenesisRewardsTimestamp { get; init; } = 1_710_979_200;
    public int DefaultOperatorSplitBips { get; init; } = 1_000;
}

public static class ProtocolConstants
{
    public const string BeaconStrategy = "beaconETH";
    public const string NativeToken = "ETH";
    /// <summary>DEFAULT_BURN_ADDRESS 0x00000000000000000000000000000000000E16E4, named for readability.</summary>
    public const string BurnAccount = "burn";
    /// <summary>The RewardsCoordinator's own account: it escrows submitted rewards until claimed.</summary>
    public const string RewardsEscrow = "rewards_coordinator";
    /// <summary>Posts distribution roots (the reference's rewardsUpdater role).</summary>
    public const string RewardsUpdater = "rewards_updater";
    public const int OneHundredPercentBips = 10_000;
    public const int MaxStakerStrategyListLength = 32;
    public const ulong SharesOffset = 1_000;
    public const ulong BalanceOffset = 1_000;
    public static readonly Restake.Primitives.UInt256 MaxTotalShares = Restake.Primitives.UInt256.Pow10(38) - Restake.Primitives.UInt256.One;
}
