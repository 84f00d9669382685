using Restake.Primitives;

namespace Restake.Protocol.State;

public enum ValidatorStatus
{
    Inactive,
    Active,
    Withdrawn,
}

public sealed class Validator(long index)
{
    public long Index { get; } = index;
    public ValidatorStatus Status { get; internal set; }
    public ulong RestakedBalanceGwei { get; internal set; }
}

/// <summary>An EigenPod: native ETH restaking through validators whose withdrawal credentials point at it.</summary>
public sealed class Pod(string owner)
{
    public string Owner { get; } = owner;
    internal SortedDictionary<long, Validator> ValidatorsByIndex { get; } = [];
    public IReadOnlyDictionary<long, Validator> Validators => ValidatorsByIndex;
    public int ActiveValidatorCount { get; internal set; }
    /// <summary>ETH the pod contract holds (its address balance), in wei.</summary>
    public UInt256 BalanceWei { get; internal set; }
    /// <summary>ETH in the pod already credited by a checkpoint, and so withdrawable.</summary>
    public ulong RestakedExecutionLayerGwei { get; internal set; }
    /// <summary>Stored beacon chain slashing factor l; unset reads as WAD.</summary>
    public ulong BeaconChainSlashingFactor { get; internal set; } = Wad.One;
    public long? LastCheckpointBlock { get; internal set; }
}
