using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Protocol;

namespace Restake.Babylon.Chain;

/// <summary>
/// Everyone around the two chains, in process: stakers with their Bitcoin keys, finality providers' EOTS signers, the covenant
/// committee (the default committee's known keys), the checkpoint submitter and the slasher. Its verbs — stake, vote, equivocate,
/// slash, unbond, withdraw — return results or named errors, so a scenario runner can drive them.
/// </summary>
public sealed class BabylonSimulation
{
    private readonly Dictionary<string, FinalityProviderSigner> _signers = [];
    private readonly Dictionary<string, Key> _stakers = [];
    private readonly Key _submitter = Keys.FromName("restake/checkpoint-submitter");
    private readonly Dictionary<string, string> _owners = [];

    public BabylonSimulation(BabylonParams? p = null, IReadOnlyList<Key>? covenantSecrets = null)
    {
        Params = p ?? BabylonParams.Default;
        CovenantSecrets = covenantSecrets ?? BabylonParams.DefaultCovenantSecrets;
        Btc = new BitcoinChain();
        Chain = new BabylonChain(Params, Btc);
    }

    public BabylonParams Params { get; }

    public IReadOnlyList<Key> CovenantSecrets { get; }

    public BitcoinChain Btc { get; }

    public BabylonChain Chain { get; }

    /// <summary>
    /// Registers a provider and commits public randomness for heights 1 … <paramref name="randomness"/> (default: min_pub_rand;
    /// each value costs a point multiplication).
    /// </summary>
    public ProtocolError? AddFinalityProvider(string name, ulong randomness = 0)
    {
        randomness = randomness == 0 ? (ulong)Params.MinPubRand : randomness;
        var signer = new FinalityProviderSigner(name, Keys.FromName("fp/" + name), Chain.ChainId);
        if (Chain.RegisterFinalityProvider(name, signer.BtcPk) is { } error)
        {
            return error;
        }
        _signers[name] = signer;
        var (start, count, commitment, sig) = signer.CommitPubRand(1, randomness);
        return Chain.CommitPubRandList(signer.BtcPk, start, count, commitment, sig);
    }

    /// <summary>
    /// A staker locks <paramref name="satoshis"/> for <paramref name="stakingTime"/> blocks to a provider: funds a coin, builds the
    /// stake, pre-signs the slashing txs, registers the delegation, collects the covenant quorum and broadcasts the staking tx.
    /// </summary>
    public Result<Delegation> Stake(string staker, string fp, long satoshis, int stakingTime)
    {
        if (!_signers.TryGetValue(fp, out var signer))
        {
            return Result<Delegation>.Fail("ErrFpNotFound", $"no finality provider named {fp}");
        }
        var key = _stakers.TryGetValue(staker, out var k) ? k : _stakers[staker] = Keys.FromName("staker/" + staker);
        const long fee = 500;
        var funding = Btc.Fund(key.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86), satoshis + fee);
        var built = BtcStake.Create(Params, key, signer.BtcPk, funding, satoshis, stakingTime, fee);
        if (!built.IsOk)
        {
            return built.Error!;
        }
        var stake = built.Value;
        stake.StakerPreSign(key);
        if (Chain.CreateDelegation(stake) is { } error)
        {
            return error;
        }
        var txid = stake.StakingTx.GetHash().ToString();
        _owners[txid] = staker;
        foreach (var cov in CovenantSecrets.Take(Params.CovenantQuorum))
        {
            stake.CovenantSign(cov);
            if (Chain.AddCovenantSigs(txid, Keys.Hex(Keys.XOnly(cov))) is { } covError)
            {
                return covError;
            }
        }
        if (Btc.Submit(stake.StakingTx) is { } btcError)
        {
            return btcError;
        }
        return Result<Delegation>.Success(Chain.Delegations[txid]);
    }

    /// <summary>A provider votes for the canonical block at a height.</summary>
    public Result<VoteResult> Vote(string fp, ulong height)
    {
        if (!_signers.TryGetValue(fp, out var signer))
        {
            return Result<VoteResult>.Fail("ErrFpNotFound", $"no finality provider named {fp}");
        }
        if (height == 0 || height > Chain.Height)
        {
            return Result<VoteResult>.Fail("ErrBlockNotFound", $"no block at height {height}");
        }
        var appHash = Chain.Blocks[(int)height - 1].AppHash;
        var (r, proof, sig) = signer.Vote(height, appHash);
        return Chain.AddFinalitySig(signer.BtcPk, height, r, proof, appHash, sig);
    }

    /// <summary>A provider also votes for a fork block at a height (a conflicting app hash), reusing its one-time randomness.</summary>
    public Result<VoteResult> Equivocate(string fp, ulong height)
    {
        if (!_signers.TryGetValue(fp, out var signer))
        {
            return Result<VoteResult>.Fail("ErrFpNotFound", $"no finality provider named {fp}");
        }
        var fork = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"fork/{height}"));
        var (r, proof, sig) = signer.Vote(height, fork);
        return Chain.AddFinalitySig(signer.BtcPk, height, r, proof, fork, sig);
    }

    /// <summary>
    /// The slasher: extracts the provider's key from the evidence, completes the delegation's slashing tx (from the unbonding output
    /// if the stake is unbonding) and broadcasts it. The result is the fully signed Bitcoin transaction.
    /// </summary>
    public Result<Transaction> Slash(string stakingTxHash)
    {
        if (!Chain.Delegations.TryGetValue(stakingTxHash, out var d))
        {
            return Result<Transaction>.Fail("ErrBTCDelegationNotFound", $"no delegation with staking tx {stakingTxHash}");
        }
        var fp = Chain.FinalityProviders[d.FpKey];
        if (fp.Evidence is null)
        {
            return Result<Transaction>.Fail("ErrNoSlashableEvidence", $"finality provider {fp.Name} has not equivocated: its key is not known");
        }
        var secret = fp.Evidence.ExtractSecretKey();
        if (!secret.IsOk)
        {
            return secret.Error!;
        }
        var unbonding = Btc.SpentBy(new OutPoint(d.Stake.StakingTx, 0)) == d.Stake.UnbondingTx.GetHash();
        var slashing = d.Stake.CompleteSlashing(unbonding, secret.Value);
        if (!slashing.IsOk)
        {
            return slashing.Error!;
        }
        return Btc.Submit(slashing.Value) is { } error ? error : slashing;
    }

    /// <summary>On-demand unbonding: the staker signs the unbonding tx the covenants co-signed and broadcasts it.</summary>
    public Result<Transaction> Unbond(string stakingTxHash)
    {
        if (!Chain.Delegations.TryGetValue(stakingTxHash, out var d))
        {
            return Result<Transaction>.Fail("ErrBTCDelegationNotFound", $"no delegation with staking tx {stakingTxHash}");
        }
        if (d.Status is not DelegationStatus.Active and not DelegationStatus.Verified)
        {
            return Result<Transaction>.Fail("ErrInvalidDelegationState", $"a {d.Status} delegation cannot unbond");
        }
        var tx = d.Stake.SignedUnbondingTx(_stakers[_owners[stakingTxHash]]);
        return Btc.Submit(tx) is { } error ? error : Result<Transaction>.Success(tx);
    }

    /// <summary>
    /// Takes the BTC back: from the staking output after the staking time; from the unbonding output after the unbonding time if
    /// the stake unbonded; from a slashing tx's change output after the unbonding time if it was slashed.
    /// Bitcoin refuses each before its timelock (ErrNonBip68Final).
    /// </summary>
    public Result<Transaction> Withdraw(string stakingTxHash, long fee = 1000)
    {
        if (!Chain.Delegations.TryGetValue(stakingTxHash, out var d))
        {
            return Result<Transaction>.Fail("ErrBTCDelegationNotFound", $"no delegation with staking tx {stakingTxHash}");
        }
        var key = _stakers[_owners[stakingTxHash]];
        var destination = key.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);
        var s = d.Stake;
        var spender = Btc.SpentBy(new OutPoint(s.StakingTx, 0));
        var unbondingSpender = Btc.SpentBy(new OutPoint(s.UnbondingTx, 0));
        Transaction tx;
        if (spender is null)
        {
            tx = s.Withdrawal(key, destination, fee, s.Scripts.StakingTime);
        }
        else if (spender == s.SlashingTx.GetHash())
        {
            tx = s.SlashingChangeWithdrawal(key, false, destination, fee, Params.UnbondingTimeBlocks);
        }
        else if (spender == s.UnbondingTx.GetHash() && unbondingSpender == s.UnbondingSlashingTx.GetHash())
        {
            tx = s.SlashingChangeWithdrawal(key, true, destination, fee, Params.UnbondingTimeBlocks);
        }
        else if (spender == s.UnbondingTx.GetHash() && unbondingSpender is null)
        {
            tx = s.UnbondedWithdrawal(key, destination, fee, Params.UnbondingTimeBlocks);
        }
        else
        {
            return Result<Transaction>.Fail("ErrStakeSpent", "the stake's outputs are already spent");
        }
        return Btc.Submit(tx) is { } error ? error : Result<Transaction>.Success(tx);
    }

    /// <summary>The submitter writes every sealed, unsubmitted checkpoint to Bitcoin.</summary>
    public IReadOnlyList<ulong> SubmitCheckpoints()
    {
        var submitted = new List<ulong>();
        foreach (var cp in Chain.Checkpoints.Values.Where(c => c.Status == CheckpointStatus.Sealed).OrderBy(c => c.Epoch))
        {
            var pending = Btc.Mempool.Any(t => t.Outputs.Any(o => o.ScriptPubKey.IsUnspendable && o.ScriptPubKey.ToBytes().AsSpan().IndexOf(CheckpointEncoding.Encode(Params.Tag, cp.Raw).Value.Part0) >= 0));
            if (!pending && Chain.SubmitCheckpoint(cp.Epoch, _submitter).IsOk)
            {
                submitted.Add(cp.Epoch);
            }
        }
        return submitted;
    }

    /// <summary>
    /// Produces Babylon blocks, each followed by <paramref name="btcBlocksPerBlock"/> Bitcoin blocks, with every provider that has
    /// power voting honestly for each new block and the submitter writing each sealed checkpoint.
    /// </summary>
    public void Advance(int blocks, int btcBlocksPerBlock = 1, bool vote = true)
    {
        for (var i = 0; i < blocks; i++)
        {
            var block = Chain.ProduceBlock();
            if (vote)
            {
                foreach (var name in _signers.Keys)
                {
                    if (Chain.VotingPowerAt(block.Height).ContainsKey(Keys.Hex(_signers[name].BtcPk)))
                    {
                        Vote(name, block.Height);
                    }
                }
            }
            SubmitCheckpoints();
            Btc.Mine(btcBlocksPerBlock);
        }
    }

    /// <summary>Brings the network to the point where providers' randomness is BTC-timestamped: epoch 1 checkpointed and finalized.</summary>
    public void Bootstrap()
    {
        Advance(Params.EpochInterval, 1, vote: false);
        Btc.Mine(Params.CheckpointFinalizationTimeout);
        Chain.ProduceBlock();
    }

    public string FpKey(string name) => Keys.Hex(_signers[name].BtcPk);

    public FinalityProviderSigner Signer(string name) => _signers[name];
}
