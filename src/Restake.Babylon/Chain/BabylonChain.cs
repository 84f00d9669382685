using System.Buffers.Binary;
using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon.Crypto;
using Restake.Protocol;
using Sha = System.Security.Cryptography.SHA256;

namespace Restake.Babylon.Chain;

/// <summary>
/// The Babylon chain over a simulated Bitcoin chain: finality providers, BTC delegations (activated at the confirmation depth k),
/// a voting power table per height (top-N providers with timestamped randomness), EOTS finality votes tallied in order
/// (a block is final when voted power × 3 > total × 2, blocks without providers skipped), equivocation slashing,
/// epochs whose checkpoints are written to Bitcoin and counted CONFIRMED at depth k and FINALIZED at depth w, and consumer
/// chains' headers timestamped by those checkpoints. Messages return named errors and change nothing when refused.
/// </summary>
public sealed class BabylonChain
{
    private readonly Dictionary<string, FinalityProvider> _fps = [];
    private readonly Dictionary<string, Delegation> _delegations = [];
    private readonly List<IndexedBlock> _blocks = [];
    private readonly Dictionary<ulong, Dictionary<string, long>> _powerTables = [];
    private readonly Dictionary<ulong, Dictionary<string, (byte[] AppHash, byte[] PubRand, byte[] Sig)>> _canonicalVotes = [];
    private readonly Dictionary<ulong, Dictionary<string, (byte[] AppHash, byte[] PubRand, byte[] Sig)>> _forkVotes = [];
    private readonly Dictionary<ulong, EpochCheckpoint> _checkpoints = [];
    private readonly Dictionary<(string, ulong), (byte[] Hash, ulong Epoch)> _consumerHeaders = [];
    private readonly List<string> _events = [];
    private readonly Dictionary<uint256, List<(int Index, byte[] Data, int TxIndex)>> _partsByBlock = [];

    public BabylonChain(BabylonParams p, BitcoinChain btc, string chainId = "bbn-sim")
    {
        Params = p;
        Btc = btc;
        ChainId = chainId;
    }

    public BabylonParams Params { get; }

    public BitcoinChain Btc { get; }

    public string ChainId { get; }

    /// <summary>The last produced block's height (0 before the first).</summary>
    public ulong Height => (ulong)_blocks.Count;

    /// <summary>Epoch e holds blocks (e−1)·interval+1 … e·interval; epoch 0 is genesis.</summary>
    public ulong CurrentEpoch => (Height / (ulong)Params.EpochInterval) + 1;

    public IReadOnlyList<IndexedBlock> Blocks => _blocks;

    public IReadOnlyDictionary<string, FinalityProvider> FinalityProviders => _fps;

    public IReadOnlyDictionary<string, Delegation> Delegations => _delegations;

    public IReadOnlyDictionary<ulong, EpochCheckpoint> Checkpoints => _checkpoints;

    public IReadOnlyList<string> Events => _events;

    public ulong LastFinalizedHeight => _blocks.LastOrDefault(b => b.Finalized)?.Height ?? 0;

    public ulong LastFinalizedEpoch => _checkpoints.Values.Where(c => c.Status == CheckpointStatus.Finalized).Select(c => c.Epoch).DefaultIfEmpty(0UL).Max();

    public IReadOnlyDictionary<string, long> VotingPowerAt(ulong height) => _powerTables.TryGetValue(height, out var t) ? t : new Dictionary<string, long>();

    public ProtocolError? RegisterFinalityProvider(string name, byte[] btcPk)
    {
        var key = Keys.Hex(btcPk);
        if (btcPk.Length != 32 || Secp.LiftX(btcPk) is null)
        {
            return new ProtocolError("ErrInvalidKey", "a finality provider's BTC key is a 32-byte BIP-340 key");
        }
        if (_fps.ContainsKey(key))
        {
            return new ProtocolError("ErrFpRegistered", $"finality provider {key} has already been registered");
        }
        _fps[key] = new FinalityProvider(name, btcPk);
        _events.Add($"finality provider {name} registered ({key[..16]}…)");
        return null;
    }

    /// <summary>MsgCreateBTCDelegation: the stake's transactions and the staker's pre-signatures on both slashing txs.</summary>
    public ProtocolError? CreateDelegation(BtcStake stake)
    {
        var txid = stake.StakingTx.GetHash().ToString();
        if (_delegations.ContainsKey(txid))
        {
            return new ProtocolError("ErrReusedStakingTx", $"staking tx {txid} is already used");
        }
        if (!_fps.TryGetValue(Keys.Hex(stake.FinalityProviderKey), out var fp))
        {
            return new ProtocolError("ErrFpNotFound", "the stake names a finality provider that is not registered");
        }
        if (fp.Slashed)
        {
            return new ProtocolError("ErrFpAlreadySlashed", $"finality provider {fp.Name} has already been slashed");
        }
        if (!stake.Scripts.CovenantKeys.Select(Keys.Hex).SequenceEqual(Params.CovenantKeys.Select(Keys.Hex).Order(StringComparer.Ordinal))
            || stake.Scripts.CovenantQuorum != Params.CovenantQuorum)
        {
            return new ProtocolError("ErrInvalidCovenantPK", "the staking script's covenant committee is not the chain's");
        }
        if (stake.StakerSlashingSig is null || stake.StakerUnbondingSlashingSig is null
            || !Secp.VerifyBip340(stake.Scripts.StakerKey, stake.SlashingSighash.ToBytes(), stake.StakerSlashingSig)
            || !Secp.VerifyBip340(stake.Scripts.StakerKey, stake.UnbondingSlashingSighash.ToBytes(), stake.StakerUnbondingSlashingSig))
        {
            return new ProtocolError("ErrInvalidSlashingTx", "the staker's signatures on the slashing transactions do not verify");
        }
        _delegations[txid] = new Delegation(stake);
        _events.Add($"delegation {txid[..16]}… of {stake.StakingValue} sat to {fp.Name}: PENDING covenant signatures");
        return null;
    }

    /// <summary>MsgAddCovenantSigs: one member's unbonding signature and slashing pre-signatures, verified against the FP key.</summary>
    public ProtocolError? AddCovenantSigs(string stakingTxHash, string covenantPkHex)
    {
        if (!_delegations.TryGetValue(stakingTxHash, out var d))
        {
            return new ProtocolError("ErrBTCDelegationNotFound", $"no delegation with staking tx {stakingTxHash}");
        }
        if (!Params.CovenantKeys.Any(k => Keys.Hex(k) == covenantPkHex))
        {
            return new ProtocolError("ErrInvalidCovenantPK", $"{covenantPkHex} is not a covenant member");
        }
        if (d.CovenantSigners.Contains(covenantPkHex))
        {
            return new ProtocolError("ErrDuplicatedCovenantSig", "this member's signatures are already submitted");
        }
        if (!d.Stake.CovenantPresigsVerify(covenantPkHex))
        {
            return new ProtocolError("ErrInvalidCovenantSig", "the covenant signatures do not verify");
        }
        d.CovenantSigners.Add(covenantPkHex);
        if (d.Status == DelegationStatus.Pending && d.CovenantSigners.Count >= Params.CovenantQuorum)
        {
            d.Status = DelegationStatus.Verified;
            _events.Add($"delegation {stakingTxHash[..16]}… VERIFIED (covenant quorum {Params.CovenantQuorum})");
        }
        return null;
    }

    /// <summary>MsgCommitPubRandList: at least min_pub_rand values, no overlap with earlier commits, signed by the provider.</summary>
    public ProtocolError? CommitPubRandList(byte[] fpPk, ulong startHeight, ulong numPubRand, byte[] commitment, byte[] sig)
    {
        if (!_fps.TryGetValue(Keys.Hex(fpPk), out var fp))
        {
            return new ProtocolError("ErrFpNotFound", "the finality provider is not registered");
        }
        if (numPubRand < (ulong)Params.MinPubRand)
        {
            return new ProtocolError("ErrTooFewPubRand", $"{numPubRand} values; at least {Params.MinPubRand}");
        }
        if (fp.Commits.Count > 0 && startHeight <= fp.Commits[^1].StartHeight + fp.Commits[^1].NumPubRand - 1)
        {
            return new ProtocolError("ErrInvalidPubRandCommit", "the commit overlaps an earlier one");
        }
        if (!Secp.VerifyBip340(fpPk, FinalityProviderSigner.CommitHash(startHeight, numPubRand, commitment), sig))
        {
            return new ProtocolError("ErrInvalidPubRandCommit", "the commit's signature does not verify");
        }
        fp.Commits.Add(new PubRandCommit(startHeight, numPubRand, commitment, CurrentEpoch));
        return null;
    }

    /// <summary>
    /// Produces the next Babylon block: BeginBlock reads Bitcoin (activations, unbondings, expiries, checkpoint submissions) and
    /// records the voting power table; EndBlock seals the epoch's checkpoint at its last block and tallies finality.
    /// </summary>
    public IndexedBlock ProduceBlock()
    {
        var height = Height + 1;
        ObserveBitcoin();
        RecordVotingPower(height);
        var prev = _blocks.Count > 0 ? _blocks[^1].AppHash : new byte[32];
        var h = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(h, height);
        var block = new IndexedBlock(height, Sha.HashData([.. prev, .. h, .. System.Text.Encoding.UTF8.GetBytes(ChainId)]));
        _blocks.Add(block);
        if (height % (ulong)Params.EpochInterval == 0)
        {
            Seal(height / (ulong)Params.EpochInterval, block);
        }
        Tally();
        return block;
    }

    /// <summary>MsgAddFinalitySig: an EOTS vote for (height, appHash) with the committed randomness and its inclusion proof.</summary>
    public Result<VoteResult> AddFinalitySig(byte[] fpPk, ulong height, byte[] pubRand, IReadOnlyList<byte[]> proof, byte[] appHash, byte[] sig)
    {
        var key = Keys.Hex(fpPk);
        if (!_fps.TryGetValue(key, out var fp))
        {
            return Result<VoteResult>.Fail("ErrFpNotFound", "the finality provider is not registered");
        }
        if (fp.Slashed)
        {
            return Result<VoteResult>.Fail("ErrFpAlreadySlashed", $"finality provider {fp.Name} has already been slashed");
        }
        if (height > Height || height == 0)
        {
            return Result<VoteResult>.Fail("ErrHeightTooHigh", $"the chain has not reached height {height} (at {Height})");
        }
        if (!VotingPowerAt(height).ContainsKey(key))
        {
            return Result<VoteResult>.Fail("ErrInvalidFinalitySig", $"{fp.Name} has no voting power at height {height}");
        }
        var commit = fp.Commits.LastOrDefault(c => c.Covers(height));
        if (commit is null)
        {
            return Result<VoteResult>.Fail("ErrPubRandNotFound", $"no public randomness committed for height {height}");
        }
        if (commit.Epoch > LastFinalizedEpoch)
        {
            return Result<VoteResult>.Fail("ErrPubRandCommitNotBTCTimestamped", $"the commit's epoch {commit.Epoch} is not BTC-finalized yet");
        }
        if (!Rfc6962Merkle.Verify(commit.Commitment, pubRand, (int)(height - commit.StartHeight), (int)commit.NumPubRand, proof))
        {
            return Result<VoteResult>.Fail("ErrInvalidPubRand", "the randomness is not the committed one for this height");
        }
        if (!Eots.Verify(fpPk, pubRand, Eots.VoteMessage(height, appHash), sig))
        {
            return Result<VoteResult>.Fail("ErrInvalidFinalitySig", "the EOTS signature does not verify");
        }
        var block = _blocks[(int)height - 1];
        var canonical = block.AppHash.AsSpan().SequenceEqual(appHash);
        var votes = canonical ? _canonicalVotes : _forkVotes;
        var other = canonical ? _forkVotes : _canonicalVotes;
        if (votes.TryGetValue(height, out var atHeight) && atHeight.TryGetValue(key, out var previous) && previous.AppHash.AsSpan().SequenceEqual(appHash))
        {
            return Result<VoteResult>.Fail("ErrDuplicatedFinalitySig", "this vote is already recorded");
        }
        (votes.TryGetValue(height, out var map) ? map : votes[height] = [])[key] = (appHash, pubRand, sig);
        Evidence? evidence = null;
        if (other.TryGetValue(height, out var opposite) && opposite.TryGetValue(key, out var theirs))
        {
            var c = canonical ? (appHash, pubRand, sig) : theirs;
            var f = canonical ? theirs : (appHash, pubRand, sig);
            evidence = new Evidence(fpPk, height, pubRand, c.Item1, f.Item1, c.Item3, f.Item3);
            fp.Evidence = evidence;
            _events.Add($"finality provider {fp.Name} EQUIVOCATED at height {height}: slashed, its EOTS key is extractable");
            foreach (var d in _delegations.Values.Where(d => d.FpKey == key && d.Status is DelegationStatus.Active or DelegationStatus.Verified or DelegationStatus.Pending))
            {
                d.Status = DelegationStatus.Slashed;
            }
        }
        Tally();
        return Result<VoteResult>.Success(new VoteResult(canonical, evidence));
    }

    /// <summary>The checkpoint submitter: two Bitcoin transactions, each an OP_RETURN of one part, funded from the simulation's faucet.</summary>
    public Result<(Transaction Part0, Transaction Part1)> SubmitCheckpoint(ulong epoch, Key submitter)
    {
        if (!_checkpoints.TryGetValue(epoch, out var cp))
        {
            return Result<(Transaction, Transaction)>.Fail("ErrCheckpointNotSealed", $"epoch {epoch} has no sealed checkpoint");
        }
        if (cp.Status == CheckpointStatus.Finalized)
        {
            return Result<(Transaction, Transaction)>.Fail("ErrEpochAlreadyFinalized", $"epoch {epoch} is already finalized");
        }
        var parts = CheckpointEncoding.Encode(Params.Tag, cp.Raw).Value;
        var txs = new[] { parts.Item1, parts.Item2 }.Select(data =>
        {
            var script = submitter.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);
            var coin = Btc.Fund(script, 10_000);
            var tx = Transaction.Create(Network.Main);
            tx.Version = 2;
            tx.Inputs.Add(new TxIn(coin.Outpoint));
            tx.Outputs.Add(Money.Zero, TxNullDataTemplate.Instance.GenerateScriptPubKey(data));
            tx.Outputs.Add(Money.Satoshis(9_000), script);
            var hash = tx.GetSignatureHashTaproot(tx.PrecomputeTransactionData([coin.TxOut]), new TaprootExecutionData(0) { SigHash = TaprootSigHash.Default });
            tx.Inputs[0].WitScript = new WitScript(Op.GetPushOp(submitter.SignTaprootKeySpend(hash, TaprootSigHash.Default).ToBytes()));
            return tx;
        }).ToArray();
        foreach (var tx in txs)
        {
            if (Btc.Submit(tx) is { } error)
            {
                return error;
            }
        }
        return Result<(Transaction, Transaction)>.Success((txs[0], txs[1]));
    }

    /// <summary>A consumer chain records a header; it is timestamped by the checkpoint of the epoch it lands in.</summary>
    public ProtocolError? RecordConsumerHeader(string consumer, ulong height, byte[] headerHash)
    {
        if (_consumerHeaders.ContainsKey((consumer, height)))
        {
            return new ProtocolError("ErrDuplicatedHeader", $"{consumer} header {height} is already recorded");
        }
        _consumerHeaders[(consumer, height)] = (headerHash, CurrentEpoch);
        return null;
    }

    public Result<ConsumerTimestamp> Timestamp(string consumer, ulong height)
    {
        if (!_consumerHeaders.TryGetValue((consumer, height), out var h))
        {
            return Result<ConsumerTimestamp>.Fail("ErrHeaderNotFound", $"{consumer} has recorded no header at {height}");
        }
        var cp = _checkpoints.GetValueOrDefault(h.Epoch);
        int? btcHeight = cp?.Submission is { } sub ? Math.Max(sub.Part0Height, sub.Part1Height) : null;
        return Result<ConsumerTimestamp>.Success(new ConsumerTimestamp(consumer, height, h.Hash, h.Epoch, cp?.Status ?? CheckpointStatus.Accumulating, btcHeight));
    }

    /// <summary>The stake's voting power of an FP at the last produced height.</summary>
    public long PowerOf(string fpKey) => VotingPowerAt(Height).GetValueOrDefault(fpKey);

    private void Seal(ulong epoch, IndexedBlock last)
    {
        var bitmap = new byte[13];
        bitmap[0] = 0x80;
        var e = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(e, epoch);
        // BLS is not modelled: a placeholder 48 bytes bound to the epoch and block hash stands for the aggregate signature.
        var bls = Sha.HashData([.. "restake/bls-placeholder"u8, .. e, .. last.AppHash]).Concat(Sha.HashData([.. e, .. last.AppHash])[..16]).ToArray();
        var submitter = Sha.HashData("restake/submitter"u8)[..20];
        _checkpoints[epoch] = new EpochCheckpoint(new RawCheckpoint(epoch, last.AppHash, bitmap, bls, submitter));
        _events.Add($"epoch {epoch} ended at block {last.Height}: checkpoint SEALED");
    }

    private void ObserveBitcoin()
    {
        var tip = Btc.Height;
        foreach (var d in _delegations.Values)
        {
            var stakingOutpoint = new OutPoint(d.Stake.StakingTx, 0);
            var spender = Btc.SpentBy(stakingOutpoint);
            if (d.Status is DelegationStatus.Slashed or DelegationStatus.Unbonded or DelegationStatus.Expired)
            {
                continue;
            }
            if (spender is not null && spender == d.Stake.UnbondingTx.GetHash())
            {
                d.Status = DelegationStatus.Unbonded;
                _events.Add($"delegation {d.StakingTxHash[..16]}… UNBONDED early: the unbonding tx is on Bitcoin, its voting power is removed");
                continue;
            }
            if (d.Status == DelegationStatus.Verified && Btc.BlockHeightOf(d.Stake.StakingTx.GetHash()) is { } included && tip - included >= Params.BtcConfirmationDepth)
            {
                d.StartHeight = included;
                d.EndHeight = included + d.Stake.Scripts.StakingTime;
                d.Status = DelegationStatus.Active;
                _events.Add($"delegation {d.StakingTxHash[..16]}… ACTIVE: staking tx {tip - included} deep (k = {Params.BtcConfirmationDepth})");
            }
            if (d.Status == DelegationStatus.Active && tip + Params.UnbondingTimeBlocks >= d.EndHeight)
            {
                d.Status = DelegationStatus.Expired;
                _events.Add($"delegation {d.StakingTxHash[..16]}… EXPIRED: its timelock ends within the unbonding time");
            }
        }
        UpdateCheckpoints();
    }

    /// <summary>
    /// Finds each sealed epoch's best submission on the best chain and sets its status from the depth of the younger block:
    /// SUBMITTED, CONFIRMED at ≥ k, FINALIZED at ≥ w (final from then on). A submission that a reorg removed is forgotten.
    /// Epoch e's submission counts only after epoch e−1's best submission.
    /// </summary>
    private void UpdateCheckpoints()
    {
        var parts = new Dictionary<ulong, List<(int Index, byte[] Data, int Height, int TxIndex)>>();
        foreach (var block in Btc.MainChain)
        {
            foreach (var (index, data, txIndex) in PartsIn(block))
            {
                var epoch = index == 0 ? BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(5, 8)) : ulong.MaxValue;
                (parts.TryGetValue(epoch, out var l) ? l : parts[epoch] = []).Add((index, data, block.Height, txIndex));
            }
        }
        var part1s = parts.GetValueOrDefault(ulong.MaxValue) ?? [];
        var previousBestHeight = int.MinValue;
        foreach (var cp in _checkpoints.Values.OrderBy(c => c.Epoch))
        {
            if (cp.Status == CheckpointStatus.Finalized)
            {
                // Final: a reorg deeper than w is outside Babylon's security assumption, so the status never goes back.
                previousBestHeight = Math.Max(cp.Submission!.Value.Part0Height, cp.Submission.Value.Part1Height);
                cp.Depth = Btc.Height - previousBestHeight;
                continue;
            }
            (int, int)? best = null;
            foreach (var p0 in parts.GetValueOrDefault(cp.Epoch) ?? [])
            {
                foreach (var p1 in part1s)
                {
                    var decoded = CheckpointEncoding.Decode(Params.Tag, p0.Data, p1.Data);
                    if (decoded is null || !decoded.BlockHash.AsSpan().SequenceEqual(cp.Raw.BlockHash) || Math.Min(p0.Height, p1.Height) < previousBestHeight)
                    {
                        continue;
                    }
                    if (best is null || Math.Max(p0.Height, p1.Height) < Math.Max(best.Value.Item1, best.Value.Item2))
                    {
                        best = (p0.Height, p1.Height);
                    }
                }
            }
            var before = cp.Status;
            if (best is null)
            {
                cp.Submission = null;
                cp.Depth = null;
                cp.Status = CheckpointStatus.Sealed;
                previousBestHeight = int.MaxValue; // later epochs need this one first
            }
            else
            {
                var younger = Math.Max(best.Value.Item1, best.Value.Item2);
                cp.Submission = best;
                cp.Depth = Btc.Height - younger;
                cp.Status = cp.Depth >= Params.CheckpointFinalizationTimeout ? CheckpointStatus.Finalized
                    : cp.Depth >= Params.BtcConfirmationDepth ? CheckpointStatus.Confirmed
                    : CheckpointStatus.Submitted;
                previousBestHeight = younger;
            }
            if (before != cp.Status)
            {
                _events.Add($"checkpoint of epoch {cp.Epoch}: {before} → {cp.Status}" + (cp.Depth is { } depth ? $" (depth {depth})" : ""));
            }
        }
    }

    /// <summary>The tagged OP_RETURN checkpoint parts of a Bitcoin block (read once per block: the reporter's index).</summary>
    private List<(int Index, byte[] Data, int TxIndex)> PartsIn(BtcBlock block)
    {
        if (_partsByBlock.TryGetValue(block.Hash, out var cached))
        {
            return cached;
        }
        var found = new List<(int, byte[], int)>();
        for (var i = 0; i < block.Block.Transactions.Count; i++)
        {
            foreach (var output in block.Block.Transactions[i].Outputs)
            {
                if (!output.ScriptPubKey.IsUnspendable)
                {
                    continue;
                }
                var data = TxNullDataTemplate.Instance.ExtractScriptPubKeyParameters(output.ScriptPubKey);
                if (data is { Length: 1 } && CheckpointEncoding.PartIndex(Params.Tag, data[0]) is var index and >= 0)
                {
                    found.Add((index, data[0], i));
                }
            }
        }
        _partsByBlock[block.Hash] = found;
        return found;
    }

    /// <summary>
    /// The voting power table at a height: active delegations summed per provider that is not slashed and has BTC-timestamped
    /// randomness for the height, the top max_active_finality_providers by power (ties by key), none if nobody has power.
    /// </summary>
    private void RecordVotingPower(ulong height)
    {
        var finalizedEpoch = LastFinalizedEpoch;
        var table = _delegations.Values.Where(d => d.Status == DelegationStatus.Active)
            .GroupBy(d => d.FpKey)
            .Select(g => (Key: g.Key, Power: g.Sum(d => d.Value)))
            .Where(x => _fps.TryGetValue(x.Key, out var fp) && !fp.Slashed && fp.Commits.Any(c => c.Covers(height) && c.Epoch <= finalizedEpoch))
            .OrderByDescending(x => x.Power).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(Params.MaxActiveFinalityProviders)
            .ToDictionary(x => x.Key, x => x.Power);
        if (table.Count > 0)
        {
            _powerTables[height] = table;
        }
    }

    /// <summary>
    /// x/finality TallyBlocks: from the first non-finalized block upward, a block with a provider set is finalized when
    /// voted power × 3 > total power × 2, and the scan stops at the first that is not; blocks with no provider set are skipped.
    /// </summary>
    private void Tally()
    {
        foreach (var block in _blocks.Where(b => !b.Finalized))
        {
            if (!_powerTables.TryGetValue(block.Height, out var table))
            {
                continue;
            }
            var total = table.Values.Sum();
            var voters = _canonicalVotes.GetValueOrDefault(block.Height);
            var voted = table.Where(kv => voters is not null && voters.ContainsKey(kv.Key)).Sum(kv => kv.Value);
            if (voted * 3 > total * 2)
            {
                block.Finalized = true;
                _events.Add($"block {block.Height} FINALIZED ({voted} of {total} sat voted)");
            }
            else
            {
                break;
            }
        }
    }
}
