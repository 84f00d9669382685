namespace Restake.Picasso;

/// <summary>What the network did, named after upstream's events where one exists (solana-ibc: <c>Initialised</c>, <c>NewBlock</c>, <c>BlockSigned</c>, <c>BlockFinalised</c>).</summary>
public abstract record PicassoEvent
{
    public string Name => GetType().Name;
}

public sealed record Deposited(ulong Receipt, string Owner, string Token, ulong Amount, string Validator) : PicassoEvent;
public sealed record WithdrawalRequested(ulong Receipt, string Owner, long UnbondsAtSec) : PicassoEvent;
public sealed record WithdrawalCancelled(ulong Receipt, string Owner) : PicassoEvent;
public sealed record Withdrawn(ulong Receipt, string Owner, string Token, ulong Amount) : PicassoEvent;
public sealed record ExchangeRateSet(string Token, ulong LamportsPerToken) : PicassoEvent;
public sealed record Initialised(CryptoHash GenesisHash, CryptoHash EpochCommitment) : PicassoEvent;
public sealed record NewBlock(ulong Height, CryptoHash Hash, CryptoHash? NextEpochCommitment) : PicassoEvent;
public sealed record BlockSigned(ulong Height, CryptoHash Hash, string Validator) : PicassoEvent;
public sealed record BlockFinalised(ulong Height, CryptoHash Hash) : PicassoEvent;
public sealed record PacketSent(string Chain, string Channel, ulong Sequence) : PicassoEvent;
public sealed record PacketReceived(string Chain, string Channel, ulong Sequence) : PicassoEvent;
public sealed record PacketAcknowledged(string Chain, string Channel, ulong Sequence) : PicassoEvent;
public sealed record ClientUpdated(ulong Height) : PicassoEvent;
public sealed record ClientFrozen(ulong Height) : PicassoEvent;

/// <summary>Ours, in the shape of the engine's <c>OperatorSlashed</c>: who, why, at what rate, and what each token pool lost.</summary>
public sealed record ValidatorSlashed(string Validator, string Reason, ulong WadSlashed, IReadOnlyList<string> Tokens, IReadOnlyList<ulong> AmountsSlashed) : PicassoEvent;
