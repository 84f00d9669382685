using System.Security.Cryptography;
using NBitcoin;
using Restake.Babylon.Crypto;
using Restake.Protocol;

namespace Restake.Babylon.Btc;

/// <summary>
/// One BTC delegation's Bitcoin side: the staking transaction, its unbonding transaction, the two slashing transactions,
/// and the signatures registration collects (the staker's on both slashing txs, the covenants' on the unbonding tx and their
/// adaptor pre-signatures on both slashing txs, encrypted under the finality provider's key).
/// </summary>
public sealed class BtcStake
{
    private readonly Dictionary<string, byte[]> _covenantUnbondingSigs = [];
    private readonly Dictionary<string, AdaptorSignature> _covenantSlashingPresigs = [];
    private readonly Dictionary<string, AdaptorSignature> _covenantUnbondingSlashingPresigs = [];

    private BtcStake(BabylonParams p, StakingScripts scripts, Transaction stakingTx, TxOut funding, Transaction unbondingTx, Transaction slashingTx, Transaction unbondingSlashingTx)
    {
        Params = p;
        Scripts = scripts;
        StakingOutput = TaprootOutput.Staking(scripts);
        UnbondingOutput = TaprootOutput.Unbonding(scripts, p.UnbondingTimeBlocks);
        StakingTx = stakingTx;
        FundingOutput = funding;
        UnbondingTx = unbondingTx;
        SlashingTx = slashingTx;
        UnbondingSlashingTx = unbondingSlashingTx;
    }

    public BabylonParams Params { get; }

    public StakingScripts Scripts { get; }

    public TaprootOutput StakingOutput { get; }

    public TaprootOutput UnbondingOutput { get; }

    public Transaction StakingTx { get; }

    /// <summary>The coin the staking transaction spends (for its own verification).</summary>
    public TxOut FundingOutput { get; }

    public Transaction UnbondingTx { get; }

    public Transaction SlashingTx { get; }

    public Transaction UnbondingSlashingTx { get; }

    public TxOut StakingTxOut => StakingTx.Outputs[0];

    public TxOut UnbondingTxOut => UnbondingTx.Outputs[0];

    public long StakingValue => StakingTxOut.Value.Satoshi;

    public byte[] FinalityProviderKey => Scripts.FinalityProviderKeys[0];

    /// <summary>The FP key as the adaptor scheme's encryption key: lift_x of the x-only key, so the decryption key is its BIP-340 secret.</summary>
    public byte[] EncryptionKey => [2, .. FinalityProviderKey];

    public byte[]? StakerSlashingSig { get; private set; }

    public byte[]? StakerUnbondingSlashingSig { get; private set; }

    public IReadOnlyDictionary<string, byte[]> CovenantUnbondingSigs => _covenantUnbondingSigs;

    public IReadOnlyDictionary<string, AdaptorSignature> CovenantSlashingPresigs => _covenantSlashingPresigs;

    public IReadOnlyDictionary<string, AdaptorSignature> CovenantUnbondingSlashingPresigs => _covenantUnbondingSlashingPresigs;

    /// <summary>
    /// Builds a stake of <paramref name="value"/> sat for <paramref name="stakingTime"/> blocks to one finality provider, funded by
    /// <paramref name="funding"/> (a key-path P2TR coin of the staker; its value less the fee is staked).
    /// </summary>
    public static Result<BtcStake> Create(BabylonParams p, Key staker, byte[] finalityProvider, Coin funding, long value, int stakingTime, long stakingFee)
    {
        if (value < p.MinStakingValueSat || value > p.MaxStakingValueSat)
        {
            return Result<BtcStake>.Fail("ErrInvalidStakingValue", $"{value} sat is outside [{p.MinStakingValueSat}, {p.MaxStakingValueSat}]");
        }
        if (stakingTime < p.MinStakingTimeBlocks || stakingTime > p.MaxStakingTimeBlocks)
        {
            return Result<BtcStake>.Fail("ErrInvalidStakingTime", $"{stakingTime} blocks is outside [{p.MinStakingTimeBlocks}, {p.MaxStakingTimeBlocks}]");
        }
        if (funding.Amount.Satoshi != value + stakingFee || stakingFee < 0)
        {
            return Result<BtcStake>.Fail("ErrInvalidFunding", $"the funding coin holds {funding.Amount.Satoshi} sat, not the stake {value} plus the fee {stakingFee}");
        }
        var scriptsResult = StakingScripts.Build(Keys.XOnly(staker), [finalityProvider], p.CovenantKeys, p.CovenantQuorum, stakingTime);
        if (!scriptsResult.IsOk)
        {
            return scriptsResult.Error!;
        }
        var scripts = scriptsResult.Value;
        var stakingTx = Transaction.Create(Network.Main);
        stakingTx.Version = 2;
        stakingTx.Inputs.Add(new TxIn(funding.Outpoint) { Sequence = Sequence.Final });
        stakingTx.Outputs.Add(Money.Satoshis(value), TaprootOutput.Staking(scripts).ScriptPubKey);
        var precomputed = stakingTx.PrecomputeTransactionData([funding.TxOut]);
        var keySig = staker.SignTaprootKeySpend(stakingTx.GetSignatureHashTaproot(precomputed, new TaprootExecutionData(0) { SigHash = TaprootSigHash.Default }), TaprootSigHash.Default);
        stakingTx.Inputs[0].WitScript = new WitScript(Op.GetPushOp(keySig.ToBytes()));

        var stakingOutpoint = new OutPoint(stakingTx, 0);
        var unbonding = StakingTransactions.Unbonding(stakingOutpoint, value, TaprootOutput.Unbonding(scripts, p.UnbondingTimeBlocks), p.UnbondingFeeSat);
        if (!unbonding.IsOk)
        {
            return unbonding.Error!;
        }
        var slashing = StakingTransactions.Slashing(stakingOutpoint, value, p, scripts.StakerKey, p.MinSlashingTxFeeSat);
        if (!slashing.IsOk)
        {
            return slashing.Error!;
        }
        var unbondingValue = value - p.UnbondingFeeSat;
        var unbondingSlashing = StakingTransactions.Slashing(new OutPoint(unbonding.Value, 0), unbondingValue, p, scripts.StakerKey, p.MinSlashingTxFeeSat);
        if (!unbondingSlashing.IsOk)
        {
            return unbondingSlashing.Error!;
        }
        return Result<BtcStake>.Success(new BtcStake(p, scripts, stakingTx, funding.TxOut, unbonding.Value, slashing.Value, unbondingSlashing.Value));
    }

    public uint256 SlashingSighash => Spends.Sighash(SlashingTx, 0, [StakingTxOut], Scripts.SlashingScript);

    public uint256 UnbondingSlashingSighash => Spends.Sighash(UnbondingSlashingTx, 0, [UnbondingTxOut], Scripts.SlashingScript);

    public uint256 UnbondingSighash => Spends.Sighash(UnbondingTx, 0, [StakingTxOut], Scripts.UnbondingScript);

    /// <summary>The staker's registration signatures on both slashing transactions (delegator_slashing_sig, delegator_unbonding_slashing_sig).</summary>
    public void StakerPreSign(Key staker)
    {
        StakerSlashingSig = Spends.Sign(staker, SlashingSighash);
        StakerUnbondingSlashingSig = Spends.Sign(staker, UnbondingSlashingSighash);
    }

    /// <summary>One covenant member's signatures: a Schnorr signature on the unbonding tx and adaptor pre-signatures on both slashing txs.</summary>
    public Result<bool> CovenantSign(Key covenant)
    {
        var key = Keys.Hex(Keys.XOnly(covenant));
        if (!Scripts.CovenantKeys.Any(k => Keys.Hex(k) == key))
        {
            return Result<bool>.Fail("ErrInvalidCovenantPk", $"{key} is not in the covenant committee");
        }
        var secret = covenant.ToBytes();
        var pre1 = AdaptorSignature.EncSign(secret, EncryptionKey, SlashingSighash.ToBytes(), Aux(secret, SlashingSighash));
        var pre2 = AdaptorSignature.EncSign(secret, EncryptionKey, UnbondingSlashingSighash.ToBytes(), Aux(secret, UnbondingSlashingSighash));
        if (!pre1.IsOk || !pre2.IsOk)
        {
            return (pre1.Error ?? pre2.Error)!;
        }
        _covenantUnbondingSigs[key] = Spends.Sign(covenant, UnbondingSighash);
        _covenantSlashingPresigs[key] = pre1.Value;
        _covenantUnbondingSlashingPresigs[key] = pre2.Value;
        return Result<bool>.Success(true);
    }

    /// <summary>Checks a covenant member's pre-signatures as Babylon does on submission (encrypted under this stake's FP key).</summary>
    public bool CovenantPresigsVerify(string covenantKeyHex)
    {
        var pk = Convert.FromHexString(covenantKeyHex);
        return _covenantSlashingPresigs.TryGetValue(covenantKeyHex, out var a) && a.Verify(pk, EncryptionKey, SlashingSighash.ToBytes())
            && _covenantUnbondingSlashingPresigs.TryGetValue(covenantKeyHex, out var b) && b.Verify(pk, EncryptionKey, UnbondingSlashingSighash.ToBytes())
            && _covenantUnbondingSigs.TryGetValue(covenantKeyHex, out var c) && Secp.VerifyBip340(pk, UnbondingSighash.ToBytes(), c);
    }

    public bool HasCovenantQuorum => Scripts.CovenantKeys.Count(k => CovenantPresigsVerify(Keys.Hex(k))) >= Scripts.CovenantQuorum;

    /// <summary>The unbonding tx with its witness: the staker's signature and the covenants' (only those named, if given).</summary>
    public Transaction SignedUnbondingTx(Key staker, IEnumerable<string>? onlyCovenants = null)
    {
        var tx = UnbondingTx.Clone();
        var sigs = Select(_covenantUnbondingSigs, onlyCovenants);
        tx.Inputs[0].WitScript = Spends.Unbonding(Scripts, sigs, Spends.Sign(staker, UnbondingSighash), StakingOutput.ControlBlock(Scripts.UnbondingScript));
        return tx;
    }

    /// <summary>Spends the staking output by its timelock leaf to <paramref name="destination"/>; nSequence = <paramref name="sequence"/> (BIP-68 blocks).</summary>
    public Transaction Withdrawal(Key staker, Script destination, long fee, int sequence) =>
        TimelockSpend(staker, new OutPoint(StakingTx, 0), StakingTxOut, Scripts.TimelockScript, StakingOutput, destination, fee, sequence);

    /// <summary>Spends the unbonding output by its timelock leaf once the unbonding time has passed.</summary>
    public Transaction UnbondedWithdrawal(Key staker, Script destination, long fee, int sequence) =>
        TimelockSpend(staker, new OutPoint(UnbondingTx, 0), UnbondingTxOut, StakingScripts.Timelock(Scripts.StakerKey, Params.UnbondingTimeBlocks), UnbondingOutput, destination, fee, sequence);

    /// <summary>What a slashing tx leaves the staker (its out[1]), spent by the change output's only leaf after the unbonding time.</summary>
    public Transaction SlashingChangeWithdrawal(Key staker, bool fromUnbonding, Script destination, long fee, int sequence)
    {
        var slashing = fromUnbonding ? UnbondingSlashingTx : SlashingTx;
        var leaf = StakingScripts.Timelock(Scripts.StakerKey, Params.UnbondingTimeBlocks);
        return TimelockSpend(staker, new OutPoint(slashing, 1), slashing.Outputs[1], leaf, TaprootOutput.SlashingChange(Scripts.StakerKey, Params.UnbondingTimeBlocks), destination, fee, sequence);
    }

    /// <summary>
    /// Completes a slashing tx with the finality provider's secret (extracted from two EOTS votes): the secret signs the FP part and
    /// decrypts the covenants' pre-signatures; the staker's registration signature completes it. Checked by the script interpreter.
    /// </summary>
    public Result<Transaction> CompleteSlashing(bool fromUnbonding, byte[] fpSecret, IEnumerable<string>? onlyCovenants = null)
    {
        var stakerSig = fromUnbonding ? StakerUnbondingSlashingSig : StakerSlashingSig;
        if (stakerSig is null)
        {
            return Result<Transaction>.Fail("ErrMissingStakerSignature", "the staker has not pre-signed the slashing transactions");
        }
        var fpKeyResult = SecretKey(fpSecret);
        if (fpKeyResult is null || Keys.Hex(Keys.XOnly(fpKeyResult)) != Keys.Hex(FinalityProviderKey))
        {
            return Result<Transaction>.Fail("ErrInvalidFinalityProviderSecret", "the secret is not this stake's finality provider key");
        }
        var tx = (fromUnbonding ? UnbondingSlashingTx : SlashingTx).Clone();
        var spent = fromUnbonding ? UnbondingTxOut : StakingTxOut;
        var presigs = Select(fromUnbonding ? _covenantUnbondingSlashingPresigs : _covenantSlashingPresigs, onlyCovenants);
        var covSigs = new Dictionary<string, byte[]>();
        foreach (var (k, pre) in presigs)
        {
            var sig = pre.Decrypt(fpSecret);
            if (!sig.IsOk)
            {
                return sig.Error!;
            }
            covSigs[k] = sig.Value;
        }
        var sighash = fromUnbonding ? UnbondingSlashingSighash : SlashingSighash;
        var fpSigs = new Dictionary<string, byte[]> { [Keys.Hex(FinalityProviderKey)] = Spends.Sign(fpKeyResult, sighash) };
        var control = (fromUnbonding ? UnbondingOutput : StakingOutput).ControlBlock(Scripts.SlashingScript);
        tx.Inputs[0].WitScript = Spends.Slashing(Scripts, covSigs, fpSigs, stakerSig, control);
        return Spends.Verify(tx, [spent]) is { } error ? error : Result<Transaction>.Success(tx);
    }

    /// <summary>The BTC the slashing tx burns: slashing rate × the spent output's value (out[0]).</summary>
    public long SlashedAmount(bool fromUnbonding) => (fromUnbonding ? UnbondingSlashingTx : SlashingTx).Outputs[0].Value.Satoshi;

    private Transaction TimelockSpend(Key staker, OutPoint outpoint, TxOut spent, Script leaf, TaprootOutput output, Script destination, long fee, int sequence)
    {
        var tx = Transaction.Create(Network.Main);
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(outpoint) { Sequence = new Sequence(sequence) });
        tx.Outputs.Add(spent.Value - Money.Satoshis(fee), destination);
        var sig = Spends.Sign(staker, Spends.Sighash(tx, 0, [spent], leaf));
        tx.Inputs[0].WitScript = Spends.Timelock(sig, leaf, output.ControlBlock(leaf));
        return tx;
    }

    /// <summary>
    /// The covenant signatures that go into a witness: those named, or else exactly a quorum of them in key order —
    /// OP_NUMEQUAL wants exactly M valid signatures, so a witness with more than M fails.
    /// </summary>
    private Dictionary<string, T> Select<T>(IReadOnlyDictionary<string, T> all, IEnumerable<string>? only)
    {
        if (only is not null)
        {
            var keep = only.ToHashSet();
            return all.Where(kv => keep.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        }
        return Scripts.CovenantKeys.Select(Keys.Hex).Where(all.ContainsKey).Take(Scripts.CovenantQuorum).ToDictionary(k => k, k => all[k]);
    }

    private static Key? SecretKey(byte[] secret)
    {
        try
        {
            return new Key(secret);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Deterministic auxiliary randomness for pre-signing (the engine takes no randomness it is not given).</summary>
    private static byte[] Aux(byte[] secret, uint256 sighash) => SHA256.HashData([.. secret, .. sighash.ToBytes()]);
}
