using Restake.Primitives;

namespace Restake.Protocol;

/// <summary>
/// Something asked of the engine. A scenario step, an API call and a signed transaction all become
/// one of these. <c>Caller</c>, where present, is who sends it; null means the natural actor
/// (the staker for staker actions, the operator for operator actions, the AVS for AVS actions).
/// </summary>
public abstract record Command;

public sealed record AddToken(string Symbol, int Decimals) : Command;
public sealed record AddStrategy(string Token, UInt256? MaxPerDeposit = null, UInt256? MaxTotalDeposits = null) : Command;
public sealed record Mint(string To, string Token, UInt256 Amount) : Command;
/// <summary>
/// A deposit; with <paramref name="MintShortfall"/> the faucet first tops up what the payer lacks (in the same atomic step).
/// <paramref name="From"/> pays the tokens when another account's shares are credited (a liquid restaking
/// pool depositing a user's tokens for its node delegator), so pull and deposit are one atomic step.
/// </summary>
public sealed record Deposit(string Staker, string Strategy, UInt256 Amount, bool MintShortfall = false, string? From = null) : Command;
/// <summary>An ERC-20 transfer between two accounts (what a contract holding tokens does to pay someone).</summary>
public sealed record TransferToken(string From, string To, string Token, UInt256 Amount) : Command;
public sealed record Donate(string Strategy, UInt256 Amount, string? From = null) : Command;
public sealed record SetCaps(string Strategy, CapChange MaxPerDeposit, CapChange MaxTotalDeposits) : Command;

/// <summary>A cap edit: keep the current value, set a new one, or lift the cap.</summary>
public readonly record struct CapChange(bool Change, UInt256? Value)
{
    public static CapChange Keep => default;
    public static CapChange Lift => new(true, null);
    public static CapChange To(UInt256 value) => new(true, value);
}

public sealed record CreatePod(string Owner) : Command;
public sealed record ValidatorBalance(long Index, ulong BalanceGwei);
public sealed record VerifyValidators(string Owner, IReadOnlyList<ValidatorBalance> Validators) : Command;
/// <summary>A checkpoint proven in one go: new beacon balances of the listed validators (others unchanged), and optionally the pod's new ETH balance.</summary>
public sealed record Checkpoint(string Owner, IReadOnlyList<ValidatorBalance> Balances, UInt256? PodBalanceWei = null) : Command;

public sealed record RegisterOperator(string Operator, uint AllocationDelay = 0) : Command;
public sealed record DelegateTo(string Staker, string Operator) : Command;
public sealed record Undelegate(string Staker, IReadOnlyList<string>? Ids = null, string? Caller = null) : Command;
public sealed record Redelegate(string Staker, string Operator, IReadOnlyList<string>? Ids = null) : Command;
public sealed record QueueWithdrawal(string Staker, string Strategy, UInt256 DepositShares, string? Id = null) : Command;
public sealed record CompleteWithdrawal(string Id, bool AsTokens, string? Caller = null) : Command;

public sealed record RegisterAvs(string Avs) : Command;
public sealed record CreateOperatorSet(string Avs, long Set, IReadOnlyList<string> Strategies) : Command;
public sealed record RegisterForSets(string Operator, string Avs, IReadOnlyList<long> Sets, string? Caller = null) : Command;
public sealed record DeregisterFromSets(string Operator, string Avs, IReadOnlyList<long> Sets, string? Caller = null) : Command;
public sealed record SetAllocationDelay(string Operator, uint Blocks, string? Caller = null) : Command;
public sealed record Allocate(string Operator, string Avs, long Set, string Strategy, UInt256 Magnitude, string? Caller = null) : Command;
public sealed record SlashStrategy(string Strategy, UInt256 Wad);
public sealed record Slash(string Avs, long Set, string Operator, IReadOnlyList<SlashStrategy> Strategies, string? Caller = null, string? Description = null) : Command;
public sealed record BurnSlashed(string Strategy) : Command;

public sealed record Roll(long Blocks) : Command;
public sealed record SetStage(int Stage) : Command;

// --- RewardsCoordinator ---

public sealed record RewardsStrategy(string Strategy, UInt256 Multiplier);
public sealed record OperatorAmount(string Operator, UInt256 Amount);

/// <summary>
/// A rewards submission of any kind. <c>Submitter</c> is the AVS (or the rewards-for-all submitter);
/// <c>Set</c> is given for operator-set directed rewards; <c>Operators</c> for operator-directed ones.
/// </summary>
public sealed record SubmitRewards(
    State.RewardsKind Kind, string Submitter, string Token, UInt256 Amount, long Start, long Duration,
    IReadOnlyList<RewardsStrategy> Strategies, IReadOnlyList<OperatorAmount>? Operators = null, long? Set = null, string? Id = null, string? Caller = null) : Command;

/// <summary>An operator's commission for one AVS, one operator set, or (both null) rewards to all earners.</summary>
public sealed record SetOperatorSplit(string Operator, string? Avs, long? Set, int Bips, string? Caller = null) : Command;

public sealed record SetClaimer(string Earner, string Claimer) : Command;

public sealed record SubmitRoot(byte[] Root, long CalculationEnd, string? Caller = null) : Command;

public sealed record DisableRoot(int Index, string? Caller = null) : Command;

public sealed record TokenClaim(string Token, int Index, UInt256 CumulativeEarnings, byte[] Proof);

/// <summary>RewardsMerkleClaim: an earner leaf with its proof against a root, and token leaves with theirs.</summary>
public sealed record RewardsClaim(int RootIndex, string Earner, int EarnerIndex, byte[] EarnerProof, byte[] EarnerTokenRoot, IReadOnlyList<TokenClaim> Tokens);

public sealed record Claim(RewardsClaim Proof, string? Recipient = null, string? Caller = null) : Command;
