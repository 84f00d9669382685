using Restake.Primitives;

namespace Restake.Protocol.State;

public enum WithdrawalStatus
{
    Queued,
    Completed,
}

/// <summary>A queued withdrawal of one strategy: scaled shares q = x·k, slashable until StartBlock + delay.</summary>
public sealed class Withdrawal(string id, string staker, string? delegatedTo, Strategy strategy, UInt256 scaledShares, long startBlock, long nonce)
{
    public string Id { get; } = id;
    public string Staker { get; } = staker;
    public string? DelegatedTo { get; } = delegatedTo;
    public Strategy Strategy { get; } = strategy;
    public UInt256 ScaledShares { get; } = scaledShares;
    public long StartBlock { get; } = startBlock;
    public long Nonce { get; } = nonce;
    public WithdrawalStatus Status { get; internal set; }
    /// <summary>Shares paid out at completion (as tokens or as shares).</summary>
    public UInt256? CompletedShares { get; internal set; }
}
