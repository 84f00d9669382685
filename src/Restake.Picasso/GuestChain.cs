using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>A block waiting for signatures, with the epoch whose validators sign it.</summary>
public sealed class PendingBlock(Block block, byte[] fingerprint, Epoch signingEpoch)
{
    public Block Block { get; } = block;
    public byte[] Fingerprint { get; } = fingerprint;
    public Epoch SigningEpoch { get; } = signingEpoch;
    public SortedDictionary<int, byte[]> Signatures { get; } = [];
    public UInt128 SigningStake { get; internal set; }
}

/// <summary>A final block: the signatures (validator index in the signing epoch, 64 bytes) that reached quorum.</summary>
public sealed record FinalisedBlock(Block Block, Epoch SigningEpoch, IReadOnlyList<(int Index, byte[] Signature)> Signatures)
{
    public BlockHeader Header => Block.Header;
}

public enum SignEffect
{
    NoQuorumYet,
    GotQuorum,
    Duplicate,
}

/// <summary>
/// The guest blockchain as the <c>solana-ibc</c> program runs it (upstream <c>guestchain/src/manager.rs</c>):
/// one pending block at a time; a block is made once <c>min_block_length</c> host slots passed and the state
/// changed, a new epoch is due, or the last block is <c>max_block_age_ns</c> old; validators of the current
/// epoch sign its fingerprint; at <c>quorum_stake</c> it becomes the head. A new epoch is due when
/// <c>min_epoch_length</c> slots passed since the last one and the top candidates changed.
/// </summary>
public sealed class GuestChain
{
    private readonly List<FinalisedBlock> _history = [];
    private readonly Dictionary<CryptoHash, Epoch> _epochs = [];

    private GuestChain(ChainConfig config, Block genesis, IReadOnlyList<Validator>? candidates)
    {
        Config = config;
        Head = genesis.Header;
        GenesisHash = genesis.Header.Hash;
        Epoch = genesis.NextEpoch!;
        EpochHeight = genesis.Header.HostHeight;
        Candidates = new Candidates(config.MaxValidators, candidates ?? Epoch.Validators);
        if (candidates is not null)
        {
            Candidates.ClearChanged(); // the genesis epoch is already the top of this list
        }
        _history.Add(new FinalisedBlock(genesis, Epoch, []));
        _epochs[Epoch.Commitment] = Epoch;
    }

    /// <summary>Upstream <c>initialise</c>: the genesis block must be a genesis block and carry its epoch.</summary>
    public static Result<GuestChain> Initialise(ChainConfig config, Block genesis) => Initialise(config, genesis, null);

    private static Result<GuestChain> Initialise(ChainConfig config, Block genesis, IReadOnlyList<Validator>? candidates)
    {
        if (!genesis.Header.IsGenesis || genesis.NextEpoch is null)
        {
            return PicassoErrors.BadGenesis("a genesis block has zero prev_block_hash and epoch_id and carries its epoch");
        }
        if (config.MaxValidators < config.MinValidators || config.MinValidators == 0)
        {
            return PicassoErrors.BadGenesis("max_validators must be at least min_validators, which must be positive");
        }
        return new GuestChain(config, genesis, candidates);
    }

    /// <summary>
    /// A genesis block at host slot <paramref name="hostHeight"/> from the initial candidates: the top
    /// <c>max_validators</c> form the genesis epoch, with the chain's quorum rule; the rest wait as candidates.
    /// </summary>
    public static Result<GuestChain> Start(ChainConfig config, IReadOnlyList<Validator> validators, ulong hostHeight, ulong timestampNs, CryptoHash stateRoot)
    {
        var sorted = validators.OrderByDescending(v => v.Stake).ThenBy(v => v.PubKey).Take(config.MaxValidators).ToList();
        var epoch = Epoch.CreateWith(sorted, t => Epoch.ChainQuorum(t, config.MinQuorumStake));
        if (epoch is null)
        {
            return PicassoErrors.BadGenesis("the genesis validator set has no stake");
        }
        return Initialise(config, Block.Genesis(0, hostHeight, timestampNs, stateRoot, epoch), validators);
    }

    public ChainConfig Config { get; }
    public CryptoHash GenesisHash { get; }

    /// <summary>The last final block's header.</summary>
    public BlockHeader Head { get; private set; }

    /// <summary>The epoch whose validators sign the next block (upstream's <c>next_epoch</c> field).</summary>
    public Epoch Epoch { get; private set; }

    /// <summary>Host slot of the block that started the current epoch.</summary>
    public ulong EpochHeight { get; private set; }

    public Candidates Candidates { get; }
    public PendingBlock? Pending { get; private set; }
    public IReadOnlyList<FinalisedBlock> History => _history;

    /// <summary>Every epoch the chain has had, by commitment (what slashing evidence is checked against).</summary>
    public IReadOnlyDictionary<CryptoHash, Epoch> Epochs => _epochs;

    public FinalisedBlock? AtHeight(ulong height)
    {
        var first = _history[0].Header.BlockHeight;
        return height >= first && height - first < (ulong)_history.Count ? _history[(int)(height - first)] : null;
    }

    /// <summary>Upstream <c>generate_next</c>; the state root is the caller's (the program's trie root).</summary>
    public Result<Block> GenerateNext(ulong hostHeight, ulong timestampNs, CryptoHash stateRoot)
    {
        if (Pending is not null)
        {
            return PicassoErrors.HasPendingBlock(Pending.Block.Header.BlockHeight);
        }
        var delta = hostHeight >= Head.HostHeight ? hostHeight - Head.HostHeight : 0;
        if (hostHeight < Head.HostHeight || delta < Config.MinBlockLength)
        {
            return PicassoErrors.BlockTooYoung(delta, Config.MinBlockLength);
        }
        var nextEpoch = MaybeNextEpoch(hostHeight);
        var age = timestampNs > Head.TimestampNs ? timestampNs - Head.TimestampNs : 0;
        if (nextEpoch is null && stateRoot == Head.StateRoot && age < Config.MaxBlockAgeNs)
        {
            return PicassoErrors.UnchangedState();
        }
        var next = Head.GenerateNext(hostHeight, timestampNs, stateRoot, nextEpoch);
        if (!next.IsOk)
        {
            return next;
        }
        Pending = new PendingBlock(next.Value, Fingerprint.Of(GenesisHash, next.Value.Header), Epoch);
        if (nextEpoch is not null)
        {
            Candidates.ClearChanged();
        }
        return next;
    }

    private Epoch? MaybeNextEpoch(ulong hostHeight)
    {
        if (hostHeight < EpochHeight || hostHeight - EpochHeight < Config.MinEpochLength)
        {
            return null;
        }
        var head = Candidates.MaybeHead();
        return head is null ? null : Epoch.CreateWith(head, t => Epoch.ChainQuorum(t, Config.MinQuorumStake));
    }

    /// <summary>Upstream <c>sign_block</c>/<c>add_signature</c>: a member of the signing epoch signs the pending block's fingerprint.</summary>
    public Result<SignEffect> Sign(PubKey key, byte[] signature)
    {
        if (Pending is null)
        {
            return PicassoErrors.NoPendingBlock();
        }
        var index = -1;
        for (var i = 0; i < Pending.SigningEpoch.Validators.Count; i++)
        {
            if (Pending.SigningEpoch.Validators[i].PubKey == key)
            {
                index = i;
            }
        }
        if (index < 0)
        {
            return PicassoErrors.BadValidator(key);
        }
        if (!Ed25519.Verify(key, Pending.Fingerprint, signature))
        {
            return PicassoErrors.BadSignature(key.Short);
        }
        if (!Pending.Signatures.TryAdd(index, signature))
        {
            return SignEffect.Duplicate;
        }
        Pending.SigningStake += Pending.SigningEpoch.Validators[index].Stake;
        if (Pending.SigningStake < Pending.SigningEpoch.QuorumStake)
        {
            return SignEffect.NoQuorumYet;
        }
        var done = Pending;
        Pending = null;
        Head = done.Block.Header;
        _history.Add(new FinalisedBlock(done.Block, done.SigningEpoch, [.. done.Signatures.Select(s => (s.Key, s.Value))]));
        if (done.Block.NextEpoch is { } e)
        {
            Epoch = e;
            EpochHeight = Head.HostHeight;
            _epochs[e.Commitment] = e;
        }
        return SignEffect.GotQuorum;
    }

    /// <summary>Upstream <c>set_stake</c> (only the restaking program calls it); takes effect from the next epoch.</summary>
    public Result<UInt128> SetStake(PubKey key, UInt128 stake, bool forced = false) => Candidates.Update(Config, key, stake, forced);
}
