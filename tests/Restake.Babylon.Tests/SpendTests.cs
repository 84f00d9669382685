using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon.Crypto;
using Restake.Protocol;

namespace Restake.Babylon.Tests;

/// <summary>Every script path spent by a transaction the product builds, checked by NBitcoin's script interpreter; wrong spends fail.</summary>
public class SpendTests
{
    private static readonly BabylonParams P = BabylonParams.Default;
    private static readonly Key Staker = Keys.FromName("staker");
    private static readonly Key Fp = Keys.FromName("fp");
    private static readonly Script Dest = Keys.FromName("dest").PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86);

    internal static BtcStake NewStake(int covenantsSigning = 5, long value = 1_000_000, int stakingTime = 1000)
    {
        var fundingTx = Transaction.Create(Network.Main);
        fundingTx.Outputs.Add(Money.Satoshis(value + 500), Staker.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86));
        var stake = BtcStake.Create(P, Staker, Keys.XOnly(Fp), new Coin(fundingTx, 0u), value, stakingTime, 500).Value;
        stake.StakerPreSign(Staker);
        foreach (var cov in BabylonParams.DefaultCovenantSecrets.Take(covenantsSigning))
        {
            Assert.True(stake.CovenantSign(cov).IsOk);
        }
        return stake;
    }

    private static string[] CovenantHex(int n) => BabylonParams.DefaultCovenantSecrets.Take(n).Select(k => Keys.Hex(Keys.XOnly(k))).ToArray();

    [Fact]
    public void The_staking_tx_key_path_spend_of_the_funding_coin_verifies()
    {
        var stake = NewStake();
        Assert.Null(Spends.Verify(stake.StakingTx, [stake.FundingOutput]));
    }

    [Fact]
    public void Timelock_path_spends_at_the_staking_time_and_not_before()
    {
        var stake = NewStake(stakingTime: 1000);
        Assert.Null(Spends.Verify(stake.Withdrawal(Staker, Dest, 1000, 1000), [stake.StakingTxOut]));
        var early = Spends.Verify(stake.Withdrawal(Staker, Dest, 1000, 999), [stake.StakingTxOut]);
        Assert.Equal("ErrTimelockNotMet", early!.Name);
    }

    [Fact]
    public void Timelock_path_with_the_wrong_key_fails()
    {
        var stake = NewStake();
        var error = Spends.Verify(stake.Withdrawal(Keys.FromName("mallory"), Dest, 1000, 1000), [stake.StakingTxOut]);
        Assert.Equal("ErrScriptVerification", error!.Name);
    }

    [Fact]
    public void Unbonding_path_spends_with_the_staker_and_a_covenant_quorum()
    {
        var stake = NewStake();
        Assert.True(stake.HasCovenantQuorum);
        Assert.Null(Spends.Verify(stake.SignedUnbondingTx(Staker, CovenantHex(3)), [stake.StakingTxOut]));
        Assert.Null(Spends.Verify(stake.SignedUnbondingTx(Staker), [stake.StakingTxOut]));
        // Fee exactly the unbonding fee.
        Assert.Equal(stake.StakingValue - P.UnbondingFeeSat, stake.UnbondingTxOut.Value.Satoshi);
    }

    [Fact]
    public void Unbonding_path_without_a_covenant_quorum_fails()
    {
        var stake = NewStake();
        var error = Spends.Verify(stake.SignedUnbondingTx(Staker, CovenantHex(2)), [stake.StakingTxOut]);
        Assert.Equal("ErrScriptVerification", error!.Name);
        Assert.Contains("EvalFalse", error.Message);
    }

    [Fact]
    public void Unbonding_path_with_more_than_the_quorum_fails_because_numequal_wants_exactly_m()
    {
        var stake = NewStake();
        Assert.Equal("ErrScriptVerification", Spends.Verify(stake.SignedUnbondingTx(Staker, CovenantHex(5)), [stake.StakingTxOut])!.Name);
    }

    [Fact]
    public void Unbonding_path_with_the_wrong_staker_key_fails()
    {
        var stake = NewStake();
        Assert.Equal("ErrScriptVerification", Spends.Verify(stake.SignedUnbondingTx(Keys.FromName("mallory")), [stake.StakingTxOut])!.Name);
    }

    [Fact]
    public void Unbonding_output_timelock_path_spends_after_the_unbonding_time_only()
    {
        var stake = NewStake();
        Assert.Null(Spends.Verify(stake.UnbondedWithdrawal(Staker, Dest, 1000, P.UnbondingTimeBlocks), [stake.UnbondingTxOut]));
        Assert.Equal("ErrTimelockNotMet", Spends.Verify(stake.UnbondedWithdrawal(Staker, Dest, 1000, P.UnbondingTimeBlocks - 1), [stake.UnbondingTxOut])!.Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Slashing_path_spends_with_the_fp_secret_and_decrypted_presignatures(bool fromUnbonding)
    {
        var stake = NewStake();
        var slashed = stake.CompleteSlashing(fromUnbonding, Fp.ToBytes());
        Assert.True(slashed.IsOk, slashed.Error?.ToString());
        Assert.Null(Spends.Verify(slashed.Value, [fromUnbonding ? stake.UnbondingTxOut : stake.StakingTxOut]));
        // Default slashing rate 0.1 (x/btcstaking DefaultParams): 10 % of 1 000 000 sat, or of 999 000 sat after the 1000 sat unbonding fee.
        var burnt = fromUnbonding ? 99_900 : 100_000;
        Assert.Equal(burnt, slashed.Value.Outputs[0].Value.Satoshi);
        Assert.Equal(P.SlashingPkScript, slashed.Value.Outputs[0].ScriptPubKey);
        var input = fromUnbonding ? 999_000 : 1_000_000;
        Assert.Equal(input - burnt - P.MinSlashingTxFeeSat, slashed.Value.Outputs[1].Value.Satoshi);
    }

    [Theory]
    // Hand-worked: 0.1 × 12 345 = 1234.5 rounds half up to 1235 (btcutil Amount.MulF64 rounds to nearest); mainnet 0.001 × 500 000 000 = 500 000;
    // 0.001 × 500 499 = 500.499 → 500.
    [InlineData(1000, 12_345, 1235)]
    [InlineData(10, 500_000_000, 500_000)]
    [InlineData(10, 500_499, 500)]
    public void Slashed_amount_is_the_rate_times_the_input_rounded_to_the_satoshi(int basisPoints, long input, long expected) =>
        Assert.Equal(expected, (P with { SlashingRateBasisPoints = basisPoints }).SlashingAmount(input));

    [Fact]
    public void Slashing_tx_refusals_are_named()
    {
        var op = new OutPoint(uint256.One, 0);
        var staker = Keys.XOnly(Staker);
        Assert.Equal("ErrInvalidSlashingRate", StakingTransactions.Slashing(op, 100_000, P with { SlashingRateBasisPoints = 10000 }, staker, 1000).Error!.Name);
        Assert.Equal("ErrInsufficientSlashingFee", StakingTransactions.Slashing(op, 100_000, P, staker, 999).Error!.Name);
        Assert.Equal("ErrInsufficientChangeAmount", StakingTransactions.Slashing(op, 1_100, P, staker, 1000).Error!.Name);
        Assert.Equal("ErrDustOutputFound", StakingTransactions.Slashing(op, 1_300, P, staker, 1000).Error!.Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Slashing_change_goes_back_to_the_staker_after_the_unbonding_time_only(bool fromUnbonding)
    {
        var stake = NewStake();
        var slashing = fromUnbonding ? stake.UnbondingSlashingTx : stake.SlashingTx;
        Assert.Null(Spends.Verify(stake.SlashingChangeWithdrawal(Staker, fromUnbonding, Dest, 1000, P.UnbondingTimeBlocks), [slashing.Outputs[1]]));
        Assert.Equal("ErrTimelockNotMet", Spends.Verify(stake.SlashingChangeWithdrawal(Staker, fromUnbonding, Dest, 1000, P.UnbondingTimeBlocks - 1), [slashing.Outputs[1]])!.Name);
        Assert.Equal("ErrScriptVerification", Spends.Verify(stake.SlashingChangeWithdrawal(Keys.FromName("mallory"), fromUnbonding, Dest, 1000, P.UnbondingTimeBlocks), [slashing.Outputs[1]])!.Name);
    }

    [Fact]
    public void Slashing_path_with_another_secret_is_refused()
    {
        var stake = NewStake();
        Assert.Equal("ErrInvalidFinalityProviderSecret", stake.CompleteSlashing(false, Keys.FromName("mallory").ToBytes()).Error!.Name);
    }

    [Fact]
    public void Slashing_path_signed_by_the_wrong_fp_or_staker_key_fails_in_the_interpreter()
    {
        var stake = NewStake();
        var cov = stake.CovenantSlashingPresigs.Take(P.CovenantQuorum).ToDictionary(kv => kv.Key, kv => kv.Value.Decrypt(Fp.ToBytes()).Value);
        var control = stake.StakingOutput.ControlBlock(stake.Scripts.SlashingScript);
        var mallory = Keys.FromName("mallory");
        var fpKey = Keys.Hex(stake.FinalityProviderKey);

        var wrongFp = stake.SlashingTx.Clone();
        wrongFp.Inputs[0].WitScript = Spends.Slashing(stake.Scripts, cov, new Dictionary<string, byte[]> { [fpKey] = Spends.Sign(mallory, stake.SlashingSighash) }, stake.StakerSlashingSig!, control);
        Assert.Equal("ErrScriptVerification", Spends.Verify(wrongFp, [stake.StakingTxOut])!.Name);

        var wrongStaker = stake.SlashingTx.Clone();
        wrongStaker.Inputs[0].WitScript = Spends.Slashing(stake.Scripts, cov, new Dictionary<string, byte[]> { [fpKey] = Spends.Sign(Fp, stake.SlashingSighash) }, Spends.Sign(mallory, stake.SlashingSighash), control);
        Assert.Equal("ErrScriptVerification", Spends.Verify(wrongStaker, [stake.StakingTxOut])!.Name);

        var right = stake.SlashingTx.Clone();
        right.Inputs[0].WitScript = Spends.Slashing(stake.Scripts, cov, new Dictionary<string, byte[]> { [fpKey] = Spends.Sign(Fp, stake.SlashingSighash) }, stake.StakerSlashingSig!, control);
        Assert.Null(Spends.Verify(right, [stake.StakingTxOut]));
    }

    [Fact]
    public void Slashing_leaf_with_three_fp_keys_spends_with_any_one_fp_signature_and_not_with_none()
    {
        // Multi-staking script shape (upstream vector #3): FP part `… <1> NUMEQUALVERIFY`; one FP signature among empties suffices.
        var fps = new[] { "f1", "f2", "f3" }.Select(Keys.FromName).ToList();
        var covs = BabylonParams.DefaultCovenantSecrets;
        var scripts = StakingScripts.Build(Keys.XOnly(Staker), fps.Select(Keys.XOnly), covs.Select(Keys.XOnly), 3, 1000).Value;
        var output = TaprootOutput.Staking(scripts);
        var spent = new TxOut(Money.Satoshis(100_000), output.ScriptPubKey);
        var tx = Transaction.Create(Network.Main);
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        tx.Outputs.Add(Money.Satoshis(90_000), Dest);
        var sighash = Spends.Sighash(tx, 0, [spent], scripts.SlashingScript);
        var covSigs = covs.Skip(1).Take(3).ToDictionary(k => Keys.Hex(Keys.XOnly(k)), k => Spends.Sign(k, sighash));
        var control = output.ControlBlock(scripts.SlashingScript);
        foreach (var fp in fps)
        {
            tx.Inputs[0].WitScript = Spends.Slashing(scripts, covSigs, new Dictionary<string, byte[]> { [Keys.Hex(Keys.XOnly(fp))] = Spends.Sign(fp, sighash) }, Spends.Sign(Staker, sighash), control);
            Assert.Null(Spends.Verify(tx, [spent]));
        }
        tx.Inputs[0].WitScript = Spends.Slashing(scripts, covSigs, new Dictionary<string, byte[]>(), Spends.Sign(Staker, sighash), control);
        Assert.Equal("ErrScriptVerification", Spends.Verify(tx, [spent])!.Name);
    }

    [Fact]
    public void Slashing_path_without_a_covenant_quorum_fails_in_the_interpreter()
    {
        var stake = NewStake();
        var error = stake.CompleteSlashing(false, Fp.ToBytes(), CovenantHex(2)).Error;
        Assert.Equal("ErrScriptVerification", error!.Name);
    }

    [Fact]
    public void Covenant_presignatures_verify_under_the_fp_key_and_a_stranger_cannot_sign()
    {
        var stake = NewStake(covenantsSigning: 3);
        Assert.All(CovenantHex(3), k => Assert.True(stake.CovenantPresigsVerify(k)));
        Assert.False(stake.CovenantPresigsVerify(CovenantHex(4)[3]));
        Assert.Equal("ErrInvalidCovenantPk", stake.CovenantSign(Keys.FromName("stranger")).Error!.Name);
    }

    [Fact]
    public void A_presignature_alone_is_not_a_valid_signature()
    {
        var stake = NewStake();
        var pre = stake.CovenantSlashingPresigs.Values.First();
        Assert.False(Secp.VerifyBip340(stake.Scripts.CovenantKeys[0], stake.SlashingSighash.ToBytes(), [.. pre.R0[1..], .. pre.S.ToBytes()]));
    }

    [Fact]
    public void Stake_value_and_time_outside_the_parameters_are_refused()
    {
        var fundingTx = Transaction.Create(Network.Main);
        fundingTx.Outputs.Add(Money.Satoshis(5500), Staker.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86));
        Assert.Equal("ErrInvalidStakingValue", BtcStake.Create(P, Staker, Keys.XOnly(Fp), new Coin(fundingTx, 0u), 5000, 1000, 500).Error!.Name);
        var funding2 = Transaction.Create(Network.Main);
        funding2.Outputs.Add(Money.Satoshis(100_500), Staker.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86));
        Assert.Equal("ErrInvalidStakingTime", BtcStake.Create(P, Staker, Keys.XOnly(Fp), new Coin(funding2, 0u), 100_000, 399, 500).Error!.Name);
    }
}
