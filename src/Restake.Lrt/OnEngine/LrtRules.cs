using Restake.Primitives;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// The protocol parameters a <c>create_lrt</c> may change; null keeps the preset's upstream default
/// (see the Default* members). Each is read only by the presets it names.
/// </summary>
public sealed record LrtRules(
    ulong? ExitFeeBps = null,
    ulong? TreasurySplitBps = null,
    ulong? LowWatermarkBps = null,
    UInt256? BucketCapacity = null,
    UInt256? BucketRefillPerSecond = null,
    ulong? BufferBps = null,
    long? WithdrawalDelayBlocks = null,
    UInt256? MinWithdrawal = null,
    long? CooldownSeconds = null,
    UInt256? MaxFeeMintPerDay = null,
    ulong? TreasuryFeeBps = null,
    int? BatchSize = null,
    UInt256? MaxWithdrawal = null,
    ulong? AcceptableRebaseAprBps = null)
{
    public static LrtRules Defaults => new();

    /// <summary>eETH instant redemption (EtherFiRedemptionManager): 30 bps exit fee, 10 % of it to the treasury, a 1 % liquidity floor.</summary>
    public const ulong DefaultEtherFiExitFeeBps = 30;
    public const ulong DefaultTreasurySplitBps = 1_000;
    public const ulong DefaultLowWatermarkBps = 100;
    /// <summary>The bucket: 2,000 ETH, refilled at 1 ETH a second (what EtherFiParams pins for the pure model).</summary>
    public static readonly UInt256 DefaultBucketCapacity = Wad.Unit * 2_000UL;
    public static readonly UInt256 DefaultBucketRefill = Wad.Unit;
    /// <summary>Puffer's exit fee is set by governance, capped at 250 bps (PufferVaultV5); 0 unless a scenario sets it.</summary>
    public const ulong PufferMaxExitFeeBps = 250;
    /// <summary>Puffer's withdrawal batches: BATCH_SIZE as the deploy script sets it (PufferWithdrawalManager's constructor argument).</summary>
    public const int DefaultPufferBatchSize = 10;
    /// <summary>EtherFiAdmin's MAX_ACCEPTABLE_REBASE_APR_IN_BPS is at most 10,000 (its constructor's bound).</summary>
    public const ulong MaxAcceptableRebaseAprBps = 10_000;
    /// <summary>Kelp's withdrawal delay: 8 days of 12 s blocks (LRTWithdrawalManager.withdrawalDelayBlocks).</summary>
    public const long DefaultKelpDelayBlocks = 8 * 86_400 / 12;
    /// <summary>Renzo's WithdrawQueue cooldown: 7 days (the mainnet setting).</summary>
    public const long DefaultRenzoCooldownSeconds = 7 * 86_400;
}
