using NBitcoin;
using Restake.Protocol;

namespace Restake.Babylon.Btc;

/// <summary>Builders for the transactions of a stake: the unbonding tx, the two slashing txs, the phase-1 OP_RETURN marker.</summary>
public static class StakingTransactions
{
    /// <summary>Version 2, one input (the staking outpoint, nSequence final), one output (the unbonding output), lock time 0, fee exactly unbonding_fee.</summary>
    public static Result<Transaction> Unbonding(OutPoint stakingOutpoint, long stakingValue, TaprootOutput unbondingOutput, long unbondingFee)
    {
        if (unbondingFee <= 0 || unbondingFee >= stakingValue)
        {
            return Result<Transaction>.Fail("ErrInvalidUnbondingFee", $"the unbonding fee {unbondingFee} must be positive and below the staking value {stakingValue}");
        }
        var tx = Transaction.Create(Network.Main);
        tx.Version = 2;
        tx.LockTime = LockTime.Zero;
        tx.Inputs.Add(new TxIn(stakingOutpoint) { Sequence = Sequence.Final });
        tx.Outputs.Add(Money.Satoshis(stakingValue - unbondingFee), unbondingOutput.ScriptPubKey);
        return Result<Transaction>.Success(tx);
    }

    /// <summary>
    /// A slashing tx (version 1 as upstream's wire.NewMsgTx builds it): out[0] = slashing rate × input to the slashing pkScript,
    /// out[1] = the rest less the fee to the staker's change output (timelocked by the unbonding time).
    /// Errors follow btcstaking/errors.go.
    /// </summary>
    public static Result<Transaction> Slashing(OutPoint input, long inputValue, BabylonParams p, byte[] stakerKey, long fee)
    {
        if (p.SlashingRateBasisPoints <= 0 || p.SlashingRateBasisPoints >= 10000)
        {
            return Result<Transaction>.Fail("ErrInvalidSlashingRate", "the slashing rate must be in (0, 1) with at most 4 decimals");
        }
        if (fee < p.MinSlashingTxFeeSat)
        {
            return Result<Transaction>.Fail("ErrInsufficientSlashingFee", $"the slashing fee {fee} is below the minimum {p.MinSlashingTxFeeSat}");
        }
        var slash = p.SlashingAmount(inputValue);
        if (slash <= 0)
        {
            return Result<Transaction>.Fail("ErrInsufficientSlashingAmount", $"slashing {inputValue} sat at the rate leaves nothing to slash");
        }
        var change = inputValue - slash - fee;
        if (change <= 0)
        {
            return Result<Transaction>.Fail("ErrInsufficientChangeAmount", $"{inputValue} − slashed {slash} − fee {fee} leaves no change");
        }
        var tx = Transaction.Create(Network.Main);
        tx.Version = 1;
        tx.Inputs.Add(new TxIn(input) { Sequence = Sequence.Final });
        tx.Outputs.Add(Money.Satoshis(slash), p.SlashingPkScript);
        tx.Outputs.Add(Money.Satoshis(change), TaprootOutput.SlashingChange(stakerKey, p.UnbondingTimeBlocks).ScriptPubKey);
        if (tx.Outputs.Any(o => !o.ScriptPubKey.IsUnspendable && o.IsDust()))
        {
            return Result<Transaction>.Fail("ErrDustOutputFound", "the slashing transaction would carry a dust output");
        }
        return Result<Transaction>.Success(tx);
    }

    /// <summary>
    /// The phase-1 "identifiable staking" OP_RETURN (btcstaking/identifiable_staking.go, V0):
    /// <c>OP_RETURN 0x47 tag(4) ‖ version 0 ‖ staker(32) ‖ fp(32) ‖ staking_time (uint16 big-endian)</c>.
    /// </summary>
    public static Result<Script> StakingMarker(byte[] tag, byte[] stakerKey, byte[] fpKey, int stakingTime)
    {
        if (tag.Length != 4)
        {
            return Result<Script>.Fail("ErrInvalidTag", "the tag is 4 bytes");
        }
        if (stakingTime < 1 || stakingTime > StakingScripts.MaxTimelock)
        {
            return Result<Script>.Fail("ErrInvalidStakingTime", $"timelock {stakingTime} does not fit in uint16");
        }
        var data = new byte[71];
        tag.CopyTo(data, 0);
        data[4] = 0;
        stakerKey.CopyTo(data, 5);
        fpKey.CopyTo(data, 37);
        data[69] = (byte)(stakingTime >> 8);
        data[70] = (byte)stakingTime;
        return Result<Script>.Success(TxNullDataTemplate.Instance.GenerateScriptPubKey(data));
    }
}
