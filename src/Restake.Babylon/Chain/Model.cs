using Restake.Babylon.Btc;
using Restake.Babylon.Crypto;
using Restake.Protocol;

namespace Restake.Babylon.Chain;

/// <summary>x/btcstaking delegation statuses (BTCDelegationStatus), plus SLASHED once the FP is slashed.</summary>
public enum DelegationStatus
{
    Pending,
    Verified,
    Active,
    Unbonded,
    Expired,
    Slashed,
}

/// <summary>x/checkpointing checkpoint statuses (CheckpointStatus).</summary>
public enum CheckpointStatus
{
    Accumulating,
    Sealed,
    Submitted,
    Confirmed,
    Finalized,
}

public sealed class FinalityProvider(string name, byte[] btcPk)
{
    public string Name { get; } = name;

    public byte[] BtcPk { get; } = btcPk;

    public string Key => Keys.Hex(BtcPk);

    public bool Slashed => Evidence is not null;

    public Evidence? Evidence { get; internal set; }

    public List<PubRandCommit> Commits { get; } = [];
}

/// <summary>A public randomness commit (MsgCommitPubRandList) and the Babylon epoch it was made in: it counts once that epoch is BTC-finalized.</summary>
public sealed record PubRandCommit(ulong StartHeight, ulong NumPubRand, byte[] Commitment, ulong Epoch)
{
    public bool Covers(ulong height) => height >= StartHeight && height < StartHeight + NumPubRand;
}

public sealed class Delegation(BtcStake stake)
{
    public BtcStake Stake { get; } = stake;

    public string StakingTxHash { get; } = stake.StakingTx.GetHash().ToString();

    public string FpKey => Keys.Hex(Stake.FinalityProviderKey);

    public long Value => Stake.StakingValue;

    public DelegationStatus Status { get; internal set; } = DelegationStatus.Pending;

    public HashSet<string> CovenantSigners { get; } = [];

    /// <summary>The Bitcoin height of the staking tx's block, and that plus the staking time (set at activation).</summary>
    public int? StartHeight { get; internal set; }

    public int? EndHeight { get; internal set; }
}

/// <summary>
/// Proof of equivocation (x/finality Evidence): two EOTS votes of one provider at one height under one public randomness,
/// on the canonical and a fork block. Anyone can extract the provider's secret key from it.
/// </summary>
public sealed record Evidence(byte[] FpBtcPk, ulong BlockHeight, byte[] PubRand, byte[] CanonicalAppHash, byte[] ForkAppHash, byte[] CanonicalFinalitySig, byte[] ForkFinalitySig)
{
    public Result<byte[]> ExtractSecretKey() =>
        Eots.Extract(FpBtcPk, PubRand, Eots.VoteMessage(BlockHeight, CanonicalAppHash), CanonicalFinalitySig, Eots.VoteMessage(BlockHeight, ForkAppHash), ForkFinalitySig);
}

public sealed class IndexedBlock(ulong height, byte[] appHash)
{
    public ulong Height { get; } = height;

    public byte[] AppHash { get; } = appHash;

    public bool Finalized { get; internal set; }
}

/// <summary>An epoch's checkpoint and its best Bitcoin submission (the two OP_RETURN transactions).</summary>
public sealed class EpochCheckpoint(RawCheckpoint raw)
{
    public RawCheckpoint Raw { get; } = raw;

    public ulong Epoch => Raw.Epoch;

    public CheckpointStatus Status { get; internal set; } = CheckpointStatus.Sealed;

    /// <summary>The heights of the blocks holding part 0 and part 1 of the best submission on the best chain.</summary>
    public (int Part0Height, int Part1Height)? Submission { get; internal set; }

    /// <summary>Depth of the younger of the two blocks (the tip has depth 0).</summary>
    public int? Depth { get; internal set; }
}

/// <summary>What a consumer chain reads back: in which epoch its header was recorded and how far that epoch's checkpoint is on Bitcoin.</summary>
public sealed record ConsumerTimestamp(string Consumer, ulong Height, byte[] HeaderHash, ulong Epoch, CheckpointStatus Status, int? BtcHeight)
{
    public bool BtcFinalized => Status == CheckpointStatus.Finalized;
}

/// <summary>The outcome of a finality vote: stored, and, when it completes an equivocation, the evidence that slashed the provider.</summary>
public sealed record VoteResult(bool Canonical, Evidence? Slashed);
