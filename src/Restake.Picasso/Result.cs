using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>
/// Every rejection in the module, named after upstream's error where one exists (guestchain
/// <c>GenerateError</c>/<c>AddSignatureError</c>/<c>UpdateCandidateError</c>, cf-guest's messages,
/// the restaking program's <c>ErrorCodes</c>).
/// </summary>
public static class PicassoErrors
{
    private static ProtocolError E(string name, string message) => new(name, message);

    // guestchain block generation
    public static ProtocolError BadHostHeight(ulong last, ulong got) => E("BadHostHeight", $"host height {got} is not above the last block's {last}");
    public static ProtocolError BadHostTimestamp(ulong last, ulong got) => E("BadHostTimestamp", $"timestamp {got} ns is not above the last block's {last} ns");
    public static ProtocolError HasPendingBlock(ulong height) => E("HasPendingBlock", $"block {height} is still waiting for signatures");
    public static ProtocolError BlockTooYoung(ulong delta, ulong min) => E("BlockTooYoung", $"{delta} host slots since the last block, min_block_length is {min}");
    public static ProtocolError UnchangedState() => E("UnchangedState", "no state change, no epoch due and the last block is younger than max_block_age_ns");

    // guestchain signing
    public static ProtocolError NoPendingBlock() => E("NoPendingBlock", "there is no block waiting for signatures");
    public static ProtocolError BadValidator(PubKey key) => E("BadValidator", $"{key.Short} is not in the epoch's validator set");
    public static ProtocolError BadSignature(string who) => E("BadSignature", $"the signature by {who} does not verify over the block's fingerprint");

    // guestchain candidates
    public static ProtocolError NotEnoughValidatorStake(UInt128 stake, UInt128 min) => E("NotEnoughValidatorStake", $"stake {stake} is below min_validator_stake {min}");
    public static ProtocolError NotEnoughTotalStake(UInt128 total, UInt128 min) => E("NotEnoughTotalStake", $"the validator set's stake would fall to {total}, below min_total_stake {min}");
    public static ProtocolError NotEnoughValidators(int count, int min) => E("NotEnoughValidators", $"{count} candidates, removing one would go below min_validators {min}");
    public static ProtocolError BadGenesis(string why) => E("BadGenesis", why);
    public static ProtocolError NotLaunched() => E("NotLaunched", "the guest chain is not initialised yet (launch it first)");

    // cf-guest light client
    public static ProtocolError ClientFrozen() => E("ClientFrozen", "the client is frozen by misbehaviour evidence; it accepts nothing more");
    public static ProtocolError ClientExpired() => E("ClientExpired", "the newest consensus state is older than the trusting period; the client needs a new one by governance");
    public static ProtocolError UnexpectedGenesisHash() => E("UnexpectedGenesisHash", "the header belongs to another guest chain");
    public static ProtocolError UnexpectedEpoch(CryptoHash got) => E("UnexpectedEpoch", $"epoch commitment {got.Short} is neither the client's current nor its previous epoch");
    public static ProtocolError ValidatorIndexOutOfBounds(int index, int count) => E("ValidatorIndexOutOfBounds", $"signature index {index}, the epoch has {count} validators");
    public static ProtocolError DuplicateSignature(int index) => E("DuplicateSignature", $"validator {index} signed twice");
    public static ProtocolError QuorumNotReached(UInt128 signed, UInt128 quorum) => E("QuorumNotReached", $"signers hold {signed}, the epoch's quorum_stake is {quorum}");
    public static ProtocolError ConsensusStateNotFound(ulong height) => E("ConsensusStateNotFound", $"no consensus state at height {height}");
    public static ProtocolError ProofVerificationFailed(string why) => E("ProofVerificationFailed", why);
    public static ProtocolError HeadersFromDifferentChains() => E("HeadersFromDifferentChains", "the two headers belong to different guest chains");
    public static ProtocolError NotMisbehaviour() => E("NotMisbehaviour", "the two headers do not conflict (same block, or heights and timestamps in the same order)");
    public static ProtocolError MalformedMessage(string why) => E("MalformedMessage", why);

    // IBC packets
    public static ProtocolError PacketAlreadyReceived(ulong seq) => E("PacketAlreadyReceived", $"packet {seq} was already received");
    public static ProtocolError PacketCommitmentNotFound(ulong seq) => E("PacketCommitmentNotFound", $"no commitment for packet {seq}: never sent, or already acknowledged");
    public static ProtocolError UnknownChannel(string channel) => E("UnknownChannel", $"no channel {channel}");

    // restaking vault
    public static ProtocolError InvalidTokenMint(string token) => E("InvalidTokenMint", $"{token} is not whitelisted");
    public static ProtocolError StakingCapExceeded(UInt128 total, UInt128 cap) => E("StakingCapExceeded", $"total deposited would be {total}, above the staking cap {cap}");
    public static ProtocolError ZeroAmount() => E("ZeroAmount", "the amount must be positive");
    public static ProtocolError UnknownReceipt(ulong id) => E("UnknownReceipt", $"no receipt #{id}");
    public static ProtocolError NotReceiptOwner(ulong id, string who) => E("NotReceiptOwner", $"receipt #{id} is not held by {who}");
    public static ProtocolError WithdrawalAlreadyRequested(ulong id) => E("WithdrawalAlreadyRequested", $"receipt #{id} is already escrowed for withdrawal");
    public static ProtocolError NoWithdrawalRequest(ulong id) => E("NoWithdrawalRequest", $"receipt #{id} has no withdrawal request");
    public static ProtocolError CannotWithdrawDuringUnbondingPeriod(long now, long until) => E("CannotWithdrawDuringUnbondingPeriod", $"unbonding ends at {until} s, now is {now} s");
    public static ProtocolError UnknownValidator(string name) => E("UnknownValidator", $"no validator named {name}");
    public static ProtocolError BadSlashRate(ulong wad) => E("BadSlashRate", $"slash rate {wad} wad is not in (0, 1e18]");
    public static ProtocolError EvidenceAlreadyUsed() => E("EvidenceAlreadyUsed", "these headers have already been punished");
    public static ProtocolError NoCommonSigners() => E("NoCommonSigners", "no validator signed both headers, so nobody provably equivocated");
    public static ProtocolError BadExchangeRate(string token) => E("BadExchangeRate", $"{token}: an exchange rate must be positive");
}
