using NBitcoin.Secp256k1;
using Restake.Protocol;

namespace Restake.Babylon.Crypto;

/// <summary>
/// Schnorr adaptor signatures in Babylon's 65-byte format (crypto/schnorr-adaptor-signature, following the secp256k1-zkp
/// proposal): pre-signature = compressed R0 ‖ s', where R0 = k·G + T for encryption key T and k is negated when R0.y is odd,
/// e = TaggedHash("BIP0340/challenge", R0.x ‖ P.x ‖ m), s' = k + e·d. Decrypting with t (T = t·G) gives the BIP-340 signature
/// (R0.x, s' ± t); a signature and its pre-signature give t back. Written on NBitcoin.Secp256k1 primitives: no library served here
/// produces this format.
/// </summary>
public sealed class AdaptorSignature
{
    private AdaptorSignature(byte[] r0, Scalar s)
    {
        R0 = r0;
        S = s;
    }

    /// <summary>R0, 33 bytes compressed: its parity byte says whether t is added or subtracted.</summary>
    public byte[] R0 { get; }

    public Scalar S { get; }

    public byte[] ToBytes() => [.. R0, .. S.ToBytes()];

    public static AdaptorSignature? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65 || Secp.ParseCompressed(bytes[..33]) is null || Secp.ScalarOf(bytes[33..]) is not { } s)
        {
            return null;
        }
        return new AdaptorSignature(bytes[..33].ToArray(), s);
    }

    /// <summary>
    /// Pre-signs a 32-byte message hash under encryption key T (33 bytes compressed). The nonce follows the spec the upstream
    /// vectors come from: t = bytes(d) XOR TaggedHash("SchnorrAdaptor/aux", aux), k = TaggedHash("SchnorrAdaptor/nonce", t ‖ T ‖ P.x ‖ m) mod n.
    /// (Upstream's Go passes the 33-byte P here, which gives other, equally valid, pre-signatures; its vector test does not compare them.
    /// The x-only form reproduces presig_vectors.csv byte for byte.)
    /// </summary>
    public static Result<AdaptorSignature> EncSign(byte[] secretKey, byte[] encryptionKey, byte[] msg32, byte[] aux32)
    {
        if (msg32.Length != 32 || aux32.Length != 32)
        {
            return Result<AdaptorSignature>.Fail("ErrInvalidLength", "message hash and auxiliary data are 32 bytes");
        }
        if (Secp.ScalarOf(secretKey) is not { IsZero: false } d0)
        {
            return Result<AdaptorSignature>.Fail("ErrInvalidSecretKey", "the secret key is zero or not below the group order");
        }
        if (Secp.ParseCompressed(encryptionKey) is not { } t)
        {
            return Result<AdaptorSignature>.Fail("ErrInvalidEncryptionKey", "the encryption key is not a compressed point");
        }
        var p = Secp.MulG(d0);
        var d = Secp.YIsOdd(p) ? d0.Negate() : d0;
        var aux = Secp.TaggedHash("SchnorrAdaptor/aux", aux32);
        var db = d.ToBytes();
        for (var i = 0; i < 32; i++)
        {
            db[i] ^= aux[i];
        }
        var k = Secp.Reduce(Secp.TaggedHash("SchnorrAdaptor/nonce", db, encryptionKey, Secp.X(p), msg32));
        if (k.IsZero)
        {
            return Result<AdaptorSignature>.Fail("ErrInvalidNonce", "the derived nonce is zero");
        }
        var r0 = Secp.Add(Secp.MulG(k), t);
        if (r0.IsInfinity)
        {
            return Result<AdaptorSignature>.Fail("ErrInvalidNonce", "R0 is at infinity");
        }
        if (Secp.YIsOdd(r0))
        {
            k = k.Negate();
        }
        var e = Secp.Challenge(Secp.X(r0), Secp.X(p), msg32);
        return Result<AdaptorSignature>.Success(new AdaptorSignature(Secp.Compressed(r0), k.Add(e.Multiply(d))));
    }

    /// <summary>
    /// schnorr_presig_verify: R = s'·G − e·P must equal R0 − T (R0.y even) or T − R0 (R0.y odd).
    /// </summary>
    public bool Verify(byte[] publicKeyX, byte[] encryptionKey, byte[] msg32)
    {
        if (msg32.Length != 32 || Secp.LiftX(publicKeyX) is not { } p || Secp.ParseCompressed(encryptionKey) is not { } t || S.IsZero)
        {
            return false;
        }
        var r0 = Secp.ParseCompressed(R0)!.Value;
        var e = Secp.Challenge(Secp.X(r0), publicKeyX, msg32);
        var r = ECMultContext.Instance.Mult(p.ToGroupElementJacobian(), e.Negate(), S).ToGroupElement();
        if (r.IsInfinity)
        {
            return false;
        }
        var expected = Secp.YIsOdd(r0)
            ? t.ToGroupElementJacobian().AddVariable(r0.Negate()).ToGroupElement()
            : r0.ToGroupElementJacobian().AddVariable(t.Negate()).ToGroupElement();
        return !expected.IsInfinity && Secp.Compressed(expected).AsSpan().SequenceEqual(Secp.Compressed(r));
    }

    /// <summary>The BIP-340 signature (R0.x, s' + t) or (R0.x, s' − t) by R0's parity; t is the decryption key (32 bytes).</summary>
    public Result<byte[]> Decrypt(byte[] decryptionKey)
    {
        if (Secp.ScalarOf(decryptionKey) is not { IsZero: false } t)
        {
            return Result<byte[]>.Fail("ErrInvalidDecryptionKey", "the decryption key is zero or not below the group order");
        }
        var s = R0[0] == 3 ? S.Add(t.Negate()) : S.Add(t);
        return Result<byte[]>.Success([.. R0[1..], .. s.ToBytes()]);
    }

    /// <summary>The decryption key from a BIP-340 signature that decrypts this pre-signature (selective-slashing evidence).</summary>
    public Result<byte[]> Extract(byte[] signature64)
    {
        if (signature64.Length != 64 || !signature64.AsSpan(0, 32).SequenceEqual(R0.AsSpan(1)) || Secp.ScalarOf(signature64.AsSpan(32)) is not { } s)
        {
            return Result<byte[]>.Fail("ErrInvalidSignature", "the signature does not share R0.x with the pre-signature");
        }
        var t = R0[0] == 3 ? S.Add(s.Negate()) : s.Add(S.Negate());
        return Result<byte[]>.Success(t.ToBytes());
    }
}
