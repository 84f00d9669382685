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
}

public static class ProtocolConstants
{
    public const string BeaconStrategy = "beaconETH";
    public const string NativeToken = "ETH";
    /// <summary>DEFAULT_BURN_ADDRESS 0x00000000000000000000000000000000000E16E4, named for readability.</summary>
    public const string BurnAccount = "burn";
    public const int MaxStakerStrategyListLength = 32;
    public const ulong SharesOffset = 1_000;
    public const ulong BalanceOffset = 1_000;
    public static readonly Restake.Primitives.UInt256 MaxTotalShares = Restake.Primitives.UInt256.Pow10(38) - Restake.Primitives.UInt256.One;
}
