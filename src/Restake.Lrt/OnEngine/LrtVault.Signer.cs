using Restake.Primitives;

namespace Restake.Lrt.OnEngine;

/// <summary>
/// A Puffer operator's validator asks its Secure-Signer to sign <paramref name="Message"/> (a block or attestation
/// root, or a label standing for one) for <paramref name="Slot"/>. The signer keeps what it signed and refuses a
/// second, different message for a slot it already signed: the double proposal or vote the beacon chain slashes.
/// </summary>
public sealed record LrtValidatorSign(string Lrt, string Operator, ulong Validator, ulong Slot, string Message) : LrtAction;

// Puffer's anti-slashing signer guard. It models only the refusal: no beacon chain, no AVS slashing (see docs/lrt.md).
public sealed partial class LrtVault
{
    private readonly SortedDictionary<(string Operator, ulong Validator, ulong Slot), string> _signed = [];

    /// <summary>What each Puffer validator's signer has signed, by operator, validator index and slot.</summary>
    public IReadOnlyDictionary<(string Operator, ulong Validator, ulong Slot), string> Signed => _signed;

    internal void Sign(LrtValidatorSign c)
    {
        if (Preset != LrtPreset.Puffer)
        {
            throw Refuse("SignerGuardUnsupported", $"{Name} runs no anti-slashing signer; only Puffer (pufETH) validators sign through Secure-Signer");
        }
        if (!Nodes.Any(nd => nd.Operator == c.Operator))
        {
            throw Refuse("OperatorNotInLrt", $"'{c.Operator}' is not one of {Name}'s operators");
        }
        if (string.IsNullOrEmpty(c.Message))
        {
            throw Refuse("InvalidMessage", "a signature needs a message (a root or a label)");
        }
        var key = (c.Operator, c.Validator, c.Slot);
        if (_signed.TryGetValue(key, out var earlier) && earlier != c.Message)
        {
            throw Refuse("SlashableSignature", $"validator {c.Validator} of {c.Operator} already signed '{earlier}' for slot {c.Slot}; signing '{c.Message}' would be a slashable double signature");
        }
        // Signing the same message again is safe (a re-broadcast), so it is accepted and changes nothing.
        _signed[key] = c.Message;
    }
}
