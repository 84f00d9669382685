using NBitcoin.Secp256k1;
using Restake.Protocol.Rewards;

namespace Restake.Node.Signing;

/// <summary>
/// Ethereum ECDSA over a 32-byte digest with NBitcoin's port of libsecp256k1: the same deterministic
/// (RFC 6979, low-s) signatures as Nethereum's signer, and a recovery several times faster, which
/// is what bounds how many transactions a node verifies per second.
/// </summary>
public static class Secp256k1Signatures
{
    /// <summary>r ‖ s ‖ v with v = 27 or 28, as Ethereum wallets return it.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> privateKey)
    {
        if (!ECPrivKey.TryCreate(privateKey, out var key))
        {
            throw new ArgumentException("the private key is not a valid secp256k1 scalar", nameof(privateKey));
        }
        using (key)
        {
            if (!key.TrySignRecoverable(digest, out var signature))
            {
                throw new ArgumentException("the digest could not be signed", nameof(digest));
            }
            var output = new byte[65];
            signature!.WriteToSpanCompact(output.AsSpan(0, 64), out var recoveryId);
            output[64] = (byte)(27 + recoveryId);
            return output;
        }
    }

    /// <summary>The signer's address (lowercase), or null when the signature recovers to no key.</summary>
    public static string? Recover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 65 || signature[64] is not (27 or 28)
            || !SecpRecoverableECDSASignature.TryCreateFromCompact(signature[..64], signature[64] - 27, out var sig)
            || !ECPubKey.TryRecover(Context.Instance, sig, digest, out var publicKey))
        {
            return null;
        }
        Span<byte> uncompressed = stackalloc byte[65];
        publicKey.WriteToSpan(false, uncompressed, out _);
        return AddressOf(uncompressed[1..]);
    }

    /// <summary>An Ethereum address: the last 20 bytes of keccak256 of the 64-byte public key.</summary>
    public static string AddressOf(ReadOnlySpan<byte> publicKey64)
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak.Hash(publicKey64, hash);
        return "0x" + Convert.ToHexStringLower(hash[12..]);
    }
}
