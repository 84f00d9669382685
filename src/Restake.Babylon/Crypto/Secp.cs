using NBitcoin.Secp256k1;
using Sha = System.Security.Cryptography.SHA256;

namespace Restake.Babylon.Crypto;

/// <summary>The few secp256k1 operations EOTS and adaptor signatures need, on NBitcoin.Secp256k1's scalars and points.</summary>
public static class Secp
{
    /// <summary>A scalar from 32 big-endian bytes; null when it is ≥ n (never reduced silently).</summary>
    public static Scalar? ScalarOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            return null;
        }
        var s = new Scalar(bytes, out var overflow);
        return overflow != 0 ? null : s;
    }

    /// <summary>A hash taken mod n, as BIP-340 takes its challenge.</summary>
    public static Scalar Reduce(ReadOnlySpan<byte> hash) => new(hash, out _);

    public static GE MulG(in Scalar k) => ECMultGenContext.Instance.MultGen(k).ToGroupElement();

    public static GE Mul(in GE p, in Scalar k) => ECMultContext.Instance.Mult(p.ToGroupElementJacobian(), k, null).ToGroupElement();

    public static GE Add(in GE a, in GE b) => a.ToGroupElementJacobian().AddVariable(b).ToGroupElement();

    /// <summary>BIP-340 lift_x: the point with this x and an even y.</summary>
    public static GE? LiftX(ReadOnlySpan<byte> x)
    {
        if (x.Length != 32 || !FE.TryCreate(x, out var fe) || !GE.TryCreateXOVariable(fe, false, out var ge))
        {
            return null;
        }
        return ge;
    }

    /// <summary>A 33-byte compressed point; null if not on the curve or the prefix is not 02/03.</summary>
    public static GE? ParseCompressed(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 33 || (bytes[0] != 2 && bytes[0] != 3) || !FE.TryCreate(bytes[1..], out var fe) || !GE.TryCreateXOVariable(fe, bytes[0] == 3, out var ge))
        {
            return null;
        }
        return ge;
    }

    public static byte[] X(in GE p) => p.x.NormalizeVariable().ToBytes();

    public static bool YIsOdd(in GE p) => p.y.NormalizeVariable().IsOdd;

    public static byte[] Compressed(in GE p)
    {
        var bytes = new byte[33];
        bytes[0] = YIsOdd(p) ? (byte)3 : (byte)2;
        X(p).CopyTo(bytes, 1);
        return bytes;
    }

    public static byte[] Bytes(in Scalar s) => s.ToBytes();

    public static byte[] TaggedHash(string tag, params ReadOnlySpan<byte[]> parts)
    {
        var tagHash = Sha.HashData(System.Text.Encoding.UTF8.GetBytes(tag));
        using var h = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        h.AppendData(tagHash);
        h.AppendData(tagHash);
        foreach (var part in parts)
        {
            h.AppendData(part);
        }
        return h.GetHashAndReset();
    }

    /// <summary>e = TaggedHash("BIP0340/challenge", r ‖ P.x ‖ m) mod n.</summary>
    public static Scalar Challenge(byte[] rx, byte[] px, byte[] msg32) => Reduce(TaggedHash("BIP0340/challenge", rx, px, msg32));

    /// <summary>A BIP-340 check of (r, s) over a 32-byte message by the library's verifier.</summary>
    public static bool VerifyBip340(byte[] px, byte[] msg32, byte[] sig64) =>
        ECXOnlyPubKey.TryCreate(px, out var pk) && SecpSchnorrSignature.TryCreate(sig64, out var sig) && pk!.SigVerifyBIP340(sig!, msg32);

    /// <summary>A BIP-340 signature by the library (aux randomness zero: deterministic, as the engine takes no hidden randomness).</summary>
    public static byte[] Sign(byte[] secretKey, byte[] msg32) => ECPrivKey.Create(secretKey).SignBIP340(msg32, new byte[32]).ToBytes();
}
