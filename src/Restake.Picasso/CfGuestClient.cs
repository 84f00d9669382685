using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>
/// cf-guest's <c>Header</c> message as the relayer sends it: the genesis hash, the Borsh block header,
/// the Borsh epoch that signs it, and signatures as (validator index in that epoch, 64 bytes).
/// </summary>
public sealed record GuestHeader(CryptoHash GenesisHash, byte[] BlockHeaderBorsh, byte[] EpochBorsh, IReadOnlyList<(int Index, byte[] Signature)> Signatures)
{
    public static GuestHeader Of(CryptoHash genesisHash, FinalisedBlock b) =>
        new(genesisHash, b.Header.ToBorsh(), b.SigningEpoch.ToBorsh(), b.Signatures);
}

/// <summary>cf-guest's <c>Misbehaviour</c>: two headers that cannot both be honest.</summary>
public sealed record Misbehaviour(GuestHeader Header1, GuestHeader Header2);

/// <summary>cf-guest's <c>ConsensusState</c>: what the client keeps per guest height.</summary>
public sealed record ConsensusState(CryptoHash BlockHash, ulong TimestampNs);

/// <summary>A header that passed every check: the decoded parts and the validators whose signatures verified.</summary>
public sealed record VerifiedHeader(BlockHeader Header, CryptoHash BlockHash, Epoch Epoch, CryptoHash EpochCommitment, IReadOnlyList<Validator> Signers)
{
    public UInt128 SignedStake => Signers.Aggregate(UInt128.Zero, (s, v) => s + v.Stake);
}

public enum ClientStatus
{
    Active,
    Frozen,
    Expired,
}

/// <summary>The result of an accepted update: stored, already known, or misbehaviour found (the client froze).</summary>
public enum UpdateOutcome
{
    Updated,
    AlreadyKnown,
    FrozenByMisbehaviour,
}

/// <summary>
/// The <c>cf-guest</c> IBC light client on the counterparty chain (upstream <c>common/cf-guest</c>). It keeps only
/// the current and previous epoch commitments, so relayers submit every epoch-ending block; it stores
/// (block hash, timestamp) per height, prunes those older than the trusting period, and freezes on
/// misbehaviour. Header checks follow <c>verify_header</c>, except that every signature present must verify
/// (upstream stops at quorum and ignores the rest); ours is stricter so that evidence names only real signers.
/// </summary>
public sealed class CfGuestClient : IRemoteClient
{
    private readonly SortedDictionary<ulong, ConsensusState> _consensus = [];

    public CfGuestClient(BlockHeader genesis, ulong trustingPeriodNs)
    {
        GenesisHash = genesis.Hash;
        LatestHeight = genesis.BlockHeight;
        TrustingPeriodNs = trustingPeriodNs;
        EpochCommitment = genesis.NextEpochCommitment ?? throw new ArgumentException("a genesis header carries its epoch commitment", nameof(genesis));
        PrevEpochCommitment = EpochCommitment;
        _consensus[genesis.BlockHeight] = new ConsensusState(GenesisHash, genesis.TimestampNs);
    }

    public CryptoHash GenesisHash { get; }
    public ulong LatestHeight { get; private set; }
    public ulong TrustingPeriodNs { get; }
    public CryptoHash EpochCommitment { get; private set; }
    public CryptoHash PrevEpochCommitment { get; private set; }
    public bool IsFrozen { get; private set; }
    public IReadOnlyDictionary<ulong, ConsensusState> ConsensusStates => _consensus;

    public ClientStatus Status(ulong hostTimeNs)
    {
        if (IsFrozen)
        {
            return ClientStatus.Frozen;
        }
        var latest = _consensus.GetValueOrDefault(LatestHeight);
        return latest is not null && Expired(latest, hostTimeNs) ? ClientStatus.Expired : ClientStatus.Active;
    }

    private bool Expired(ConsensusState s, ulong hostTimeNs) => hostTimeNs > s.TimestampNs && hostTimeNs - s.TimestampNs >= TrustingPeriodNs;

    /// <summary>Decodes and checks a header against the client's epochs; changes nothing.</summary>
    public Result<VerifiedHeader> VerifyHeader(GuestHeader msg) => Verify(msg, GenesisHash, c => c == EpochCommitment || c == PrevEpochCommitment);

    /// <summary>
    /// The header check shared with the slashing side: genesis hash, a known epoch, signatures by distinct
    /// validators of that epoch over the fingerprint, and their stake at quorum.
    /// </summary>
    public static Result<VerifiedHeader> Verify(GuestHeader msg, CryptoHash genesisHash, Func<CryptoHash, bool> knownEpoch)
    {
        if (msg.GenesisHash != genesisHash)
        {
            return PicassoErrors.UnexpectedGenesisHash();
        }
        BlockHeader header;
        Epoch epoch;
        try
        {
            header = BlockHeader.FromBorsh(msg.BlockHeaderBorsh);
            epoch = Epoch.FromBorsh(msg.EpochBorsh);
        }
        catch (FormatException e)
        {
            return PicassoErrors.MalformedMessage(e.Message);
        }
        var commitment = CryptoHash.Digest(msg.EpochBorsh);
        if (!knownEpoch(commitment))
        {
            return PicassoErrors.UnexpectedEpoch(commitment);
        }
        var blockHash = CryptoHash.Digest(msg.BlockHeaderBorsh);
        var fp = Fingerprint.Of(msg.GenesisHash, header.BlockHeight, blockHash);
        var seen = new HashSet<int>();
        var signers = new List<Validator>();
        UInt128 signed = 0;
        foreach (var (index, sig) in msg.Signatures)
        {
            if (index < 0 || index >= epoch.Validators.Count)
            {
                return PicassoErrors.ValidatorIndexOutOfBounds(index, epoch.Validators.Count);
            }
            if (!seen.Add(index))
            {
                return PicassoErrors.DuplicateSignature(index);
            }
            var v = epoch.Validators[index];
            if (!Ed25519.Verify(v.PubKey, fp, sig))
            {
                return PicassoErrors.BadSignature($"validator {index} ({v.PubKey.Short})");
            }
            signers.Add(v);
            signed += v.Stake;
        }
        if (signed < epoch.QuorumStake)
        {
            return PicassoErrors.QuorumNotReached(signed, epoch.QuorumStake);
        }
        return new VerifiedHeader(header, blockHash, epoch, commitment, signers);
    }

    /// <summary>
    /// <c>update_client</c> with a header: verified, then checked for misbehaviour (another block at that height,
    /// or a timestamp not strictly between its neighbours'), which freezes the client; else stored.
    /// </summary>
    public Result<UpdateOutcome> Update(GuestHeader msg, ulong hostTimeNs)
    {
        if (IsFrozen)
        {
            return PicassoErrors.ClientFrozen();
        }
        if (Status(hostTimeNs) == ClientStatus.Expired)
        {
            return PicassoErrors.ClientExpired();
        }
        var v = VerifyHeader(msg);
        if (!v.IsOk)
        {
            return v.Error!;
        }
        var h = v.Value;
        var state = new ConsensusState(h.BlockHash, h.Header.TimestampNs);
        if (_consensus.TryGetValue(h.Header.BlockHeight, out var existing))
        {
            if (existing == state)
            {
                return UpdateOutcome.AlreadyKnown;
            }
            IsFrozen = true;
            return UpdateOutcome.FrozenByMisbehaviour;
        }
        var prev = _consensus.LastOrDefault(kv => kv.Key < h.Header.BlockHeight);
        var next = _consensus.FirstOrDefault(kv => kv.Key > h.Header.BlockHeight);
        if ((prev.Value is not null && state.TimestampNs <= prev.Value.TimestampNs) || (next.Value is not null && state.TimestampNs >= next.Value.TimestampNs))
        {
            IsFrozen = true;
            return UpdateOutcome.FrozenByMisbehaviour;
        }
        Prune(hostTimeNs);
        _consensus[h.Header.BlockHeight] = state;
        if (h.Header.BlockHeight > LatestHeight)
        {
            LatestHeight = h.Header.BlockHeight;
            if (h.Header.NextEpochCommitment is { } nextEpoch)
            {
                PrevEpochCommitment = EpochCommitment;
                EpochCommitment = nextEpoch;
            }
        }
        return UpdateOutcome.Updated;
    }

    // Upstream prunes the oldest consensus state once it is past the trusting period; the latest is kept.
    private void Prune(ulong hostTimeNs)
    {
        foreach (var height in _consensus.Where(kv => kv.Key != LatestHeight && Expired(kv.Value, hostTimeNs)).Select(kv => kv.Key).ToList())
        {
            _consensus.Remove(height);
        }
    }

    /// <summary>Both headers verified, and in conflict: same height with different hashes, or heights and timestamps in opposite order.</summary>
    public static Result<(VerifiedHeader A, VerifiedHeader B)> CheckMisbehaviour(Misbehaviour m, CryptoHash genesisHash, Func<CryptoHash, bool> knownEpoch)
    {
        if (m.Header1.GenesisHash != m.Header2.GenesisHash)
        {
            return PicassoErrors.HeadersFromDifferentChains();
        }
        var a = Verify(m.Header1, genesisHash, knownEpoch);
        if (!a.IsOk)
        {
            return a.Error!;
        }
        var b = Verify(m.Header2, genesisHash, knownEpoch);
        if (!b.IsOk)
        {
            return b.Error!;
        }
        var (x, y) = (a.Value, b.Value);
        var conflict = x.Header.BlockHeight == y.Header.BlockHeight
            ? x.BlockHash != y.BlockHash
            : (x.Header.BlockHeight < y.Header.BlockHeight) != (x.Header.TimestampNs < y.Header.TimestampNs);
        return conflict ? (x, y) : PicassoErrors.NotMisbehaviour();
    }

    /// <summary><c>update_client</c> with misbehaviour evidence: verified against the client's epochs, then the client freezes.</summary>
    public Result<(VerifiedHeader A, VerifiedHeader B)> SubmitMisbehaviour(Misbehaviour m)
    {
        if (IsFrozen)
        {
            return PicassoErrors.ClientFrozen();
        }
        var r = CheckMisbehaviour(m, GenesisHash, c => c == EpochCommitment || c == PrevEpochCommitment);
        if (r.IsOk)
        {
            IsFrozen = true;
        }
        return r;
    }

    /// <summary>
    /// Membership of (path, value hash) in the guest state at <paramref name="height"/>: the proof's header must
    /// hash to the stored block hash, and the trie path must lead to that header's <c>state_root</c>.
    /// </summary>
    public Result<bool> VerifyMembership(ulong height, string path, CryptoHash valueHash, StateProof proof)
    {
        if (IsFrozen)
        {
            return PicassoErrors.ClientFrozen();
        }
        if (!_consensus.TryGetValue(height, out var cs))
        {
            return PicassoErrors.ConsensusStateNotFound(height);
        }
        if (proof.HeaderBorsh is null || CryptoHash.Digest(proof.HeaderBorsh) != cs.BlockHash)
        {
            return PicassoErrors.ProofVerificationFailed($"the proof's header is not the block at height {height}");
        }
        var header = BlockHeader.FromBorsh(proof.HeaderBorsh);
        return StateTrie.Verify(header.StateRoot, path, valueHash, proof.Path)
            ? true
            : PicassoErrors.ProofVerificationFailed($"{path} is not committed under state root {header.StateRoot.Short} at height {height}");
    }
}
