using System.Text;
using Restake.Protocol;

namespace Restake.Picasso;

/// <summary>Settings of a <see cref="PicassoNetwork"/>.</summary>
public sealed record NetworkOptions
{
    public ChainConfig Chain { get; init; } = ChainConfig.Demo;
    public IReadOnlyList<VaultToken> Tokens { get; init; } = RestakingVault.DemoTokens;
    public UInt128 StakingCap { get; init; } = UInt128.MaxValue;
    public StakeWeighting Weighting { get; init; } = StakeWeighting.OneForOne;

    /// <summary>Ours: the share of an equivocator's restaked tokens a proven misbehaviour takes, as a wad (default 10 %).</summary>
    public ulong SlashRateWad { get; init; } = RestakingVault.Wad / 10;

    /// <summary>The cf-guest client's trusting period; 24 h is upstream's test value (<c>ClientState::from_genesis</c>).</summary>
    public ulong TrustingPeriodNs { get; init; } = 24UL * 3600 * 1_000_000_000;

    /// <summary>Host clock at start: Solana slot and Unix time.</summary>
    public ulong StartSlot { get; init; } = 1_000;
    public ulong StartTimeNs { get; init; } = 1_700_000_000UL * 1_000_000_000;
}

/// <summary>What one <see cref="PicassoNetwork.Relay"/> carried.</summary>
public sealed record RelayReport(
    IReadOnlyList<ulong> GuestHeadersRelayed,
    IReadOnlyList<Packet> DeliveredToCounterparty,
    IReadOnlyList<Packet> DeliveredToGuest,
    IReadOnlyList<Packet> AcknowledgedOnGuest,
    IReadOnlyList<Packet> AcknowledgedOnCounterparty);

/// <summary>The outcome of punishing a proven misbehaviour: who equivocated, and each slash.</summary>
public sealed record MisbehaviourPunished(ulong Height1, ulong Height2, IReadOnlyList<string> Equivocators, IReadOnlyList<SlashReport> Slashes);

/// <summary>
/// The whole Picasso picture on a deterministic host clock: the restaking vault and the guest chain on
/// Solana, a counterparty chain running the cf-guest client, a relayer, and our slashing. Each verb
/// (deposit, withdraw, produce block, sign, relay, equivocate, report misbehaviour) returns a value or a
/// named error and changes nothing when refused, so a scenario module can drive it step by step.
/// </summary>
public sealed class PicassoNetwork
{
    /// <summary>Solana's target slot time, 400 ms.</summary>
    public const ulong SlotNs = 400_000_000;

    public const string GuestChannel = "channel-0";
    public const string CounterpartyChannelId = "channel-7";

    private readonly NetworkOptions _options;
    private readonly Dictionary<string, SigningKey> _keys = [];
    private readonly Dictionary<PubKey, string> _names = [];
    private readonly Dictionary<ulong, StateTrie> _guestStates = [];
    private readonly Dictionary<ulong, StateTrie> _counterpartyStates = [];
    private readonly HashSet<(PubKey, ulong)> _punished = [];
    private readonly List<SlashReport> _slashes = [];
    private readonly List<PicassoEvent> _events = [];
    private ulong _relayedHeight;

    public PicassoNetwork(NetworkOptions? options = null)
    {
        _options = options ?? new NetworkOptions();
        Slot = _options.StartSlot;
        TimeNs = _options.StartTimeNs;
        Vault = new RestakingVault(_options.Tokens, _options.StakingCap, _options.Weighting);
        GuestIbc = new IbcEndpoint(GuestChannel, CounterpartyChannelId);
    }

    public NetworkOptions Options => _options;
    public ulong Slot { get; private set; }
    public ulong TimeNs { get; private set; }
    public long NowSec => (long)(TimeNs / 1_000_000_000);
    public RestakingVault Vault { get; }
    public GuestChain? Chain { get; private set; }
    public IbcEndpoint GuestIbc { get; }
    public CounterpartyChain? Counterparty { get; private set; }
    public CounterpartyClient? CounterpartyClientOnGuest { get; private set; }
    public IReadOnlyList<SlashReport> Slashes => _slashes;

    /// <summary>Every event so far, in order.</summary>
    public IReadOnlyList<PicassoEvent> Events => _events;

    private Result<T> Emit<T>(Result<T> r, Func<T, PicassoEvent> e)
    {
        if (r.IsOk)
        {
            _events.Add(e(r.Value));
        }
        return r;
    }

    /// <summary>The highest guest height the counterparty's client has been given.</summary>
    public ulong RelayedHeight => _relayedHeight;

    public string NameOf(PubKey key) => _names.TryGetValue(key, out var n) ? n : key.Short;

    public Result<PubKey> KeyOf(string validator) => _keys.TryGetValue(validator, out var k) ? k.PubKey : PicassoErrors.UnknownValidator(validator);

    /// <summary>A validator joins with a deterministic ed25519 key derived from its name.</summary>
    public PubKey AddValidator(string name)
    {
        if (!_keys.TryGetValue(name, out var key))
        {
            key = SigningKey.FromName(name);
            _keys[name] = key;
            _names[key.PubKey] = name;
        }
        return key.PubKey;
    }

    public void AdvanceSlots(ulong slots)
    {
        Slot += slots;
        TimeNs += slots * SlotNs;
    }

    public void AdvanceSeconds(ulong seconds)
    {
        Slot += seconds * 1_000_000_000 / SlotNs;
        TimeNs += seconds * 1_000_000_000;
    }

    public Result<Receipt> Deposit(string owner, string token, ulong amount, string validator)
    {
        var key = KeyOf(validator);
        return key.IsOk ? Emit(Vault.Deposit(owner, token, amount, key.Value, NowSec), r => new Deposited(r.Id, owner, token, amount, validator)) : key.Error!;
    }

    public Result<Receipt> RequestWithdrawal(string owner, ulong receipt) =>
        Emit(Vault.RequestWithdrawal(receipt, owner, NowSec), r => new WithdrawalRequested(r.Id, owner, r.WithdrawalRequestSec!.Value + RestakingVault.UnbondingPeriodSec));

    public Result<Receipt> CancelWithdrawal(string owner, ulong receipt) => Emit(Vault.CancelWithdrawal(receipt, owner), r => new WithdrawalCancelled(r.Id, owner));

    public Result<ulong> Withdraw(ulong receipt)
    {
        var r = Vault.Find(receipt);
        return Emit(Vault.Withdraw(receipt, NowSec), paid => new Withdrawn(receipt, r!.Owner, r.Token, paid));
    }

    public Result<VaultToken> SetExchangeRate(string token, ulong lamportsPerToken) =>
        Emit(Vault.SetExchangeRate(token, lamportsPerToken), t => new ExchangeRateSet(t.Symbol, t.LamportsPerToken));

    /// <summary>
    /// The guest chain starts from the vault's stakes (upstream: deposits were locked until launch, then
    /// assigned to validators); the counterparty creates its cf-guest client from the genesis header.
    /// </summary>
    public Result<GuestChain> Launch(string counterpartyName = "cosmos-hub")
    {
        if (Chain is not null)
        {
            return PicassoErrors.BadGenesis("the guest chain is already initialised");
        }
        var validators = Vault.ValidatorsWithStake().Select(k => new Validator(k, Vault.StakeOf(k))).ToList();
        var chain = GuestChain.Start(_options.Chain, validators, Slot, TimeNs, GuestIbc.Store.Root);
        if (!chain.IsOk)
        {
            return chain;
        }
        Chain = chain.Value;
        Vault.AttachChain(Chain);
        _guestStates[Chain.Head.BlockHeight] = GuestIbc.Store.Snapshot();
        Counterparty = new CounterpartyChain(counterpartyName, new CfGuestClient(Chain.Head, _options.TrustingPeriodNs), CounterpartyChannelId, GuestChannel);
        CounterpartyClientOnGuest = new CounterpartyClient(Counterparty.HostKey);
        _relayedHeight = Chain.Head.BlockHeight;
        _events.Add(new Initialised(Chain.GenesisHash, Chain.Epoch.Commitment));
        return Chain;
    }

    private GuestChain Launched => Chain ?? throw new InvalidOperationException("Launch the guest chain first");

    /// <summary>Upstream <c>generate_next</c> at the current slot, committing the guest IBC store's root.</summary>
    public Result<Block> ProduceBlock()
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var b = Launched.GenerateNext(Slot, TimeNs, GuestIbc.Store.Root);
        if (b.IsOk)
        {
            _guestStates[b.Value.Header.BlockHeight] = GuestIbc.Store.Snapshot();
            _events.Add(new NewBlock(b.Value.Header.BlockHeight, b.Value.Header.Hash, b.Value.Header.NextEpochCommitment));
        }
        return b;
    }

    /// <summary>The named validator signs the pending block's fingerprint with its key.</summary>
    public Result<SignEffect> Sign(string validator)
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        if (!_keys.TryGetValue(validator, out var key))
        {
            return PicassoErrors.UnknownValidator(validator);
        }
        if (Launched.Pending is not { } pending)
        {
            return PicassoErrors.NoPendingBlock();
        }
        return SignAs(key.PubKey, key.Sign(pending.Fingerprint));
    }

    private Result<SignEffect> SignAs(PubKey key, byte[] signature)
    {
        var pending = Launched.Pending;
        var r = Launched.Sign(key, signature);
        if (r.IsOk && r.Value != SignEffect.Duplicate)
        {
            var h = pending!.Block.Header;
            _events.Add(new BlockSigned(h.BlockHeight, h.Hash, NameOf(key)));
            if (r.Value == SignEffect.GotQuorum)
            {
                _events.Add(new BlockFinalised(h.BlockHeight, h.Hash));
            }
        }
        return r;
    }

    /// <summary>Submits a given signature (possibly wrong) as the named validator's.</summary>
    public Result<SignEffect> SubmitSignature(string validator, byte[] signature)
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var key = KeyOf(validator);
        return key.IsOk ? SignAs(key.Value, signature) : key.Error!;
    }

    /// <summary>Produces a block and has the epoch's validators sign it, in set order, until it is final.</summary>
    public Result<FinalisedBlock> ProduceAndFinalise()
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var b = ProduceBlock();
        if (!b.IsOk)
        {
            return b.Error!;
        }
        foreach (var v in Launched.Pending!.SigningEpoch.Validators)
        {
            var s = Sign(NameOf(v.PubKey));
            if (!s.IsOk)
            {
                return s.Error!;
            }
            if (s.Value == SignEffect.GotQuorum)
            {
                return Launched.History[^1];
            }
        }
        return PicassoErrors.QuorumNotReached(Launched.Pending!.SigningStake, Launched.Pending.SigningEpoch.QuorumStake);
    }

    /// <summary>A packet from the guest chain (an ICS-20 transfer, say); committed in the guest's next block.</summary>
    public Result<Packet> SendToCounterparty(string text) =>
        Chain is null ? PicassoErrors.NotLaunched() : Emit<Packet>(GuestIbc.Send(Encoding.UTF8.GetBytes(text), TimeNs + 3_600_000_000_000), p => new PacketSent("guest", p.SourceChannel, p.Sequence));

    /// <summary>A packet from the counterparty; committed in its next block, at the next relay pass.</summary>
    public Result<Packet> SendToGuest(string text) =>
        Counterparty is null ? PicassoErrors.NotLaunched() : Emit<Packet>(Counterparty.Ibc.Send(Encoding.UTF8.GetBytes(text), TimeNs + 3_600_000_000_000), p => new PacketSent(Counterparty.Name, p.SourceChannel, p.Sequence));

    /// <summary>The cf-guest header message for the final block at <paramref name="height"/>.</summary>
    public GuestHeader HeaderAt(ulong height) => GuestHeader.Of(Launched.GenesisHash, Launched.AtHeight(height) ?? throw new ArgumentOutOfRangeException(nameof(height)));

    /// <summary>A guest state proof at a final height (header plus trie path), or null when the path is not in that block's state.</summary>
    public StateProof? ProveOnGuest(ulong height, string path)
    {
        var p = _guestStates.GetValueOrDefault(height)?.Prove(path);
        return p is null ? null : new StateProof(Launched.AtHeight(height)!.Header.ToBorsh(), p);
    }

    /// <summary>Gives the counterparty's client one guest header.</summary>
    public Result<UpdateOutcome> UpdateCounterpartyClient(GuestHeader header)
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var r = Counterparty!.Client.Update(header, Counterparty.TimestampNs > TimeNs ? Counterparty.TimestampNs : TimeNs);
        if (r.IsOk && r.Value == UpdateOutcome.Updated)
        {
            _relayedHeight = Math.Max(_relayedHeight, Counterparty.Client.LatestHeight);
            _events.Add(new ClientUpdated(BlockHeader.FromBorsh(header.BlockHeaderBorsh).BlockHeight));
        }
        else if (r.IsOk && r.Value == UpdateOutcome.FrozenByMisbehaviour)
        {
            _events.Add(new ClientFrozen(BlockHeader.FromBorsh(header.BlockHeaderBorsh).BlockHeight));
        }
        return r;
    }

    /// <summary>A watcher submits misbehaviour evidence to the counterparty's client, which freezes.</summary>
    public Result<(VerifiedHeader A, VerifiedHeader B)> SubmitMisbehaviourToClient(Misbehaviour evidence)
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        return Emit(Counterparty!.Client.SubmitMisbehaviour(evidence), v => new ClientFrozen(v.A.Header.BlockHeight));
    }

    /// <summary>
    /// One relayer pass: every epoch-ending guest header since the last pass and the newest one to the
    /// counterparty's client; guest packets and guest acknowledgements delivered with proofs at that height;
    /// then a counterparty block, its signed root to the guest, and its packets and acknowledgements delivered
    /// on the guest. The guest's own new receipts reach the counterparty in the next pass, after a block.
    /// </summary>
    public Result<RelayReport> Relay()
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var chain = Launched;
        var cp = Counterparty!;
        var headers = new List<ulong>();
        var from = _relayedHeight + 1;
        for (var h = from; h <= chain.Head.BlockHeight; h++)
        {
            var b = chain.AtHeight(h)!;
            if (b.Header.NextEpochCommitment is not null || h == chain.Head.BlockHeight)
            {
                var u = UpdateCounterpartyClient(GuestHeader.Of(chain.GenesisHash, b));
                if (!u.IsOk)
                {
                    return u.Error!;
                }
                if (u.Value == UpdateOutcome.FrozenByMisbehaviour)
                {
                    return PicassoErrors.ClientFrozen();
                }
                headers.Add(h);
            }
        }
        var proofHeight = _relayedHeight;
        var toCounterparty = new List<Packet>();
        foreach (var p in GuestIbc.InFlight.OrderBy(p => p.Sequence).ToList())
        {
            if (cp.Ibc.Store.Contains(IbcCommitments.ReceiptPath(cp.Ibc.Channel, p.Sequence)))
            {
                continue;
            }
            if (ProveOnGuest(proofHeight, IbcCommitments.CommitmentPath(GuestIbc.Channel, p.Sequence)) is not { } proof)
            {
                continue; // not in a relayed block yet
            }
            var r = cp.Ibc.Receive(p, cp.Client, proofHeight, proof);
            if (!r.IsOk)
            {
                return r.Error!;
            }
            toCounterparty.Add(p);
            _events.Add(new PacketReceived(cp.Name, cp.Ibc.Channel, p.Sequence));
        }
        var ackedOnCounterparty = new List<Packet>();
        foreach (var p in cp.Ibc.InFlight.OrderBy(p => p.Sequence).ToList())
        {
            if (ProveOnGuest(proofHeight, IbcCommitments.AckPath(GuestIbc.Channel, p.Sequence)) is not { } proof)
            {
                continue;
            }
            var r = cp.Ibc.Acknowledge(p, IbcCommitments.SuccessAck, cp.Client, proofHeight, proof);
            if (!r.IsOk)
            {
                return r.Error!;
            }
            ackedOnCounterparty.Add(p);
            _events.Add(new PacketAcknowledged(cp.Name, cp.Ibc.Channel, p.Sequence));
        }

        var cpHeader = cp.Commit(TimeNs);
        _counterpartyStates[cpHeader.Height] = cp.Ibc.Store.Snapshot();
        var cu = CounterpartyClientOnGuest!.Update(cpHeader);
        if (!cu.IsOk)
        {
            return cu.Error!;
        }
        var cpState = _counterpartyStates[cpHeader.Height];
        var toGuest = new List<Packet>();
        foreach (var p in cp.Ibc.InFlight.OrderBy(p => p.Sequence).ToList())
        {
            if (GuestIbc.Store.Contains(IbcCommitments.ReceiptPath(GuestIbc.Channel, p.Sequence)))
            {
                continue;
            }
            var path = cpState.Prove(IbcCommitments.CommitmentPath(cp.Ibc.Channel, p.Sequence));
            if (path is null)
            {
                continue;
            }
            var r = GuestIbc.Receive(p, CounterpartyClientOnGuest, cpHeader.Height, new StateProof(null, path));
            if (!r.IsOk)
            {
                return r.Error!;
            }
            toGuest.Add(p);
            _events.Add(new PacketReceived("guest", GuestIbc.Channel, p.Sequence));
        }
        var ackedOnGuest = new List<Packet>();
        foreach (var p in GuestIbc.InFlight.OrderBy(p => p.Sequence).ToList())
        {
            var path = cpState.Prove(IbcCommitments.AckPath(cp.Ibc.Channel, p.Sequence));
            if (path is null)
            {
                continue;
            }
            var r = GuestIbc.Acknowledge(p, IbcCommitments.SuccessAck, CounterpartyClientOnGuest, cpHeader.Height, new StateProof(null, path));
            if (!r.IsOk)
            {
                return r.Error!;
            }
            ackedOnGuest.Add(p);
            _events.Add(new PacketAcknowledged("guest", GuestIbc.Channel, p.Sequence));
        }
        return new RelayReport(headers, toCounterparty, toGuest, ackedOnGuest, ackedOnCounterparty);
    }

    /// <summary>
    /// The named validators sign a second block at a final <paramref name="height"/>: same parent and epoch, a
    /// forged state root. Returns the forged header as the relayer would carry it; nothing on the guest changes.
    /// </summary>
    public Result<GuestHeader> Equivocate(IReadOnlyList<string> validators, ulong height, string forgedPacket = "forged transfer", ulong? timestampNs = null)
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var real = Launched.AtHeight(height);
        if (real is null || height == Launched.History[0].Header.BlockHeight)
        {
            return PicassoErrors.ConsensusStateNotFound(height);
        }
        var forgedState = (_guestStates.GetValueOrDefault(height) ?? new StateTrie()).Snapshot();
        forgedState.Set(IbcCommitments.CommitmentPath(GuestChannel, 1_000_000), CryptoHash.Digest(Encoding.UTF8.GetBytes(forgedPacket)));
        var forged = real.Header with { StateRoot = forgedState.Root, TimestampNs = timestampNs ?? real.Header.TimestampNs };
        var fp = Fingerprint.Of(Launched.GenesisHash, forged);
        var sigs = new List<(int, byte[])>();
        foreach (var name in validators)
        {
            if (!_keys.TryGetValue(name, out var key))
            {
                return PicassoErrors.UnknownValidator(name);
            }
            var index = real.SigningEpoch.Validators.ToList().FindIndex(v => v.PubKey == key.PubKey);
            if (index < 0)
            {
                return PicassoErrors.BadValidator(key.PubKey);
            }
            sigs.Add((index, key.Sign(fp)));
        }
        return new GuestHeader(Launched.GenesisHash, forged.ToBorsh(), real.SigningEpoch.ToBorsh(), [.. sigs.OrderBy(s => s.Item1)]);
    }

    /// <summary>
    /// Ours (upstream freezes the client and stops there): evidence of two conflicting, fully signed headers is
    /// checked against the guest chain's genesis and the epochs it has had; every validator whose signature is on
    /// both is slashed through the vault at <see cref="NetworkOptions.SlashRateWad"/>, once per height.
    /// </summary>
    public Result<MisbehaviourPunished> ReportMisbehaviour(Misbehaviour evidence)
    {
        if (Chain is null)
        {
            return PicassoErrors.NotLaunched();
        }
        var chain = Launched;
        if (_options.SlashRateWad == 0 || _options.SlashRateWad > RestakingVault.Wad)
        {
            return PicassoErrors.BadSlashRate(_options.SlashRateWad);
        }
        var check = CfGuestClient.CheckMisbehaviour(evidence, chain.GenesisHash, chain.Epochs.ContainsKey);
        if (!check.IsOk)
        {
            return check.Error!;
        }
        var (a, b) = check.Value;
        var both = a.Signers.Select(v => v.PubKey).Intersect(b.Signers.Select(v => v.PubKey)).Order().ToList();
        if (both.Count == 0)
        {
            return PicassoErrors.NoCommonSigners();
        }
        var height = Math.Min(a.Header.BlockHeight, b.Header.BlockHeight);
        var fresh = both.Where(k => !_punished.Contains((k, height))).ToList();
        if (fresh.Count == 0)
        {
            return PicassoErrors.EvidenceAlreadyUsed();
        }
        var reason = $"equivocation at guest heights {a.Header.BlockHeight}/{b.Header.BlockHeight}: {a.BlockHash.Short} vs {b.BlockHash.Short}";
        var reports = new List<SlashReport>();
        foreach (var k in fresh)
        {
            var r = Vault.SlashAllReceipts(k, _options.SlashRateWad, reason);
            _punished.Add((k, height));
            reports.Add(r.Value);
            _slashes.Add(r.Value);
            _events.Add(new ValidatorSlashed(NameOf(k), reason, _options.SlashRateWad, [.. r.Value.Tokens.Keys], [.. r.Value.Tokens.Values.Select(t => t.Slashed)]));
        }
        return new MisbehaviourPunished(a.Header.BlockHeight, b.Header.BlockHeight, [.. fresh.Select(NameOf)], reports);
    }
}
