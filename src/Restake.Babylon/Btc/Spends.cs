using NBitcoin;
using Restake.Protocol;

namespace Restake.Babylon.Btc;

/// <summary>
/// Signing and witnesses for the script paths, and the check of a spend by NBitcoin's script interpreter.
/// Witness order (btcstaking/witness_utils.go): covenant signatures in reverse key order with empty entries for non-signers,
/// then the finality-provider part likewise, then the staker's signature, the leaf, the control block.
/// </summary>
public static class Spends
{
    /// <summary>The BIP-341 script-path sighash with SIGHASH_DEFAULT, as every Babylon signature uses.</summary>
    public static uint256 Sighash(Transaction tx, int inputIndex, IReadOnlyList<TxOut> spentOutputs, Script leaf)
    {
        var precomputed = tx.PrecomputeTransactionData(spentOutputs.ToArray());
        var exec = new TaprootExecutionData(inputIndex, leaf.ToTapScript(TapLeafVersion.C0).LeafHash) { SigHash = TaprootSigHash.Default };
        return tx.GetSignatureHashTaproot(precomputed, exec);
    }

    /// <summary>A 64-byte BIP-340 signature (SIGHASH_DEFAULT adds no byte).</summary>
    public static byte[] Sign(Key key, uint256 sighash) => key.SignTaprootScriptSpend(sighash, TaprootSigHash.Default).ToBytes();

    public static WitScript Timelock(byte[] stakerSig, Script leaf, ControlBlock controlBlock) =>
        new([stakerSig, leaf.ToBytes(), controlBlock.ToBytes()]);

    /// <summary>Witness for the unbonding leaf: the covenant part then the staker.</summary>
    public static WitScript Unbonding(StakingScripts s, IReadOnlyDictionary<string, byte[]> covenantSigs, byte[] stakerSig, ControlBlock controlBlock) =>
        new(Part(s.CovenantKeys, covenantSigs)
            .Append(stakerSig).Append(s.UnbondingScript.ToBytes()).Append(controlBlock.ToBytes()).ToArray());

    /// <summary>Witness for the slashing leaf: covenants, finality providers, staker.</summary>
    public static WitScript Slashing(StakingScripts s, IReadOnlyDictionary<string, byte[]> covenantSigs, IReadOnlyDictionary<string, byte[]> fpSigs, byte[] stakerSig, ControlBlock controlBlock) =>
        new(Part(s.CovenantKeys, covenantSigs).Concat(Part(s.FinalityProviderKeys, fpSigs))
            .Append(stakerSig).Append(s.SlashingScript.ToBytes()).Append(controlBlock.ToBytes()).ToArray());

    /// <summary>The first key in the script consumes the top of the stack, so signatures go in reverse key order.</summary>
    private static IEnumerable<byte[]> Part(IReadOnlyList<byte[]> sortedKeys, IReadOnlyDictionary<string, byte[]> sigs) =>
        sortedKeys.Reverse().Select(k => sigs.TryGetValue(Keys.Hex(k), out var sig) ? sig : []);

    /// <summary>Runs the script interpreter on every input with the spent outputs; the first failure is the named error.</summary>
    public static ProtocolError? Verify(Transaction tx, IReadOnlyList<TxOut> spentOutputs)
    {
        var validator = tx.CreateValidator(spentOutputs.ToArray());
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            var result = validator.ValidateInput(i);
            if (result.Error is { } error)
            {
                // The interpreter's own error names the failing check; the too-early case gets its own code.
                return error == ScriptError.UnsatisfiedLockTime
                    ? new ProtocolError("ErrTimelockNotMet", $"input {i}: the input's relative timelock (nSequence) is below the script's CHECKSEQUENCEVERIFY ({error})")
                    : new ProtocolError("ErrScriptVerification", $"input {i}: the script interpreter rejects the spend ({error})");
            }
        }
        return null;
    }
}
