using System.Buffers.Binary;
using NBitcoin.Secp256k1;
using Restake.Protocol;
using Sha = System.Security.Cryptography.SHA256;

namespace Restake.Babylon.Crypto;

/// <summary>
/// Extractable one-time signatures (babylon crypto/eots): BIP-340 Schnorr whose nonce point is committed in advance.
/// A vote is only s; with r = R.x known, e = TaggedHash("BIP0340/challenge", r ‖ P.x ‖ SHA256(m)) and s = k' + e·x'.
/// Two votes under one r on different messages give x' = (s1 − s2)/(e1 − e2).
/// </summary>
public static class Eots
{
    /// <summary>The finality vote message: be64(height) ‖ app_hash (x/finality).</summary>
    public static byte[] VoteMessage(ulong height, byte[] appHash)
    {
        var m = new byte[8 + appHash.Length];
        BinaryPrimitives.WriteUInt64BigEndian(m, height);
        appHash.CopyTo(m, 8);
        return m;
    }

    /// <summary>
    /// Per-height secret randomness. Upstream leaves derivation to the provider's daemon; here it is
    /// TaggedHash("Restake/eots-randomness", sk ‖ chain ‖ be64(height)) mod n, so a provider that signs twice at one height reuses k.
    /// </summary>
    public static Scalar SecretRandomness(byte[] secretKey, string chainId, ulong height)
    {
        var h = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(h, height);
        return Secp.Reduce(Secp.TaggedHash("Restake/eots-randomness", secretKey, System.Text.Encoding.UTF8.GetBytes(chainId), h));
    }

    /// <summary>r = (k·G).x, the 32 bytes a provider commits to.</summary>
    public static byte[] PublicRandomness(in Scalar k) => Secp.X(Secp.MulG(k));

    /// <summary>s = k' + e·x' mod n (x', k' negated when their points have odd y).</summary>
    public static byte[] Sign(byte[] secretKey, in Scalar k, byte[] message)
    {
        var x = Secp.ScalarOf(secretKey) ?? throw new ArgumentException("secret key out of range", nameof(secretKey));
        var p = Secp.MulG(x);
        var xEven = Secp.YIsOdd(p) ? x.Negate() : x;
        var r = Secp.MulG(k);
        var kEven = Secp.YIsOdd(r) ? k.Negate() : k;
        var e = Secp.Challenge(Secp.X(r), Secp.X(p), Sha.HashData(message));
        return kEven.Add(e.Multiply(xEven)).ToBytes();
    }

    /// <summary>A vote (r, s) on m is a BIP-340 signature on SHA256(m); checked by the library's verifier.</summary>
    public static bool Verify(byte[] publicKeyX, byte[] r, byte[] message, byte[] s) =>
        r.Length == 32 && s.Length == 32 && Secp.VerifyBip340(publicKeyX, Sha.HashData(message), [.. r, .. s]);

    /// <summary>
    /// The BIP-340 secret (the one whose point has even y, which signs exactly as the provider's key does) from two valid
    /// votes under one public randomness on different messages. One vote, or two on the same message, reveal nothing.
    /// </summary>
    public static Result<byte[]> Extract(byte[] publicKeyX, byte[] r, byte[] m1, byte[] s1, byte[] m2, byte[] s2)
    {
        if (m1.AsSpan().SequenceEqual(m2))
        {
            return Result<byte[]>.Fail("ErrSameMessage", "two votes on the same message are not an equivocation and reveal no key");
        }
        if (!Verify(publicKeyX, r, m1, s1) || !Verify(publicKeyX, r, m2, s2))
        {
            return Result<byte[]>.Fail("ErrInvalidFinalitySig", "both votes must verify under the provider's key and the committed randomness");
        }
        var e1 = Secp.Challenge(r, publicKeyX, Sha.HashData(m1));
        var e2 = Secp.Challenge(r, publicKeyX, Sha.HashData(m2));
        var ds = Secp.ScalarOf(s1)!.Value.Add(Secp.ScalarOf(s2)!.Value.Negate());
        var de = e1.Add(e2.Negate());
        var x = ds.Multiply(de.Inverse());
        return Secp.X(Secp.MulG(x)).AsSpan().SequenceEqual(publicKeyX)
            ? Result<byte[]>.Success(x.ToBytes())
            : Result<byte[]>.Fail("ErrExtractionFailed", "the extracted key does not match the provider's public key");
    }
}
