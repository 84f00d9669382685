using Restake.Protocol.Rewards;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// BLS signatures on BN254 as EigenLayer operators use them (EigenDA crypto/ecc/bn254, middleware BLSSignatureChecker):
/// secret key in Fr, public keys in G1 and G2, a signature σ = sk·H(m) in G1 where H is <see cref="HashToG1"/> on a 32-byte digest.
/// </summary>
public static class Bls
{
    /// <summary>
    /// Try-and-increment (upstream MapToCurve / BN254.hashToG1): x = digest mod p; while x³ + 3 is not a square, x += 1;
    /// y = (x³ + 3)^((p+1)/4), the root that exponentiation gives (upstream's ModSqrt and findYFromX give the same one).
    /// </summary>
    public static Affine<Fp> HashToG1(ReadOnlySpan<byte> digest32)
    {
        if (digest32.Length != 32)
        {
            throw new CryptoException(CryptoError.BadLength, "the message digest is 32 bytes");
        }
        var x = Fp.FromBigEndianReduced(digest32);
        while (true)
        {
            var rhs = (x.Square() * x) + G1.B;
            if (rhs.TrySqrt(out var y))
            {
                return new Affine<Fp>(x, y);
            }
            x += Fp.One;
        }
    }

    public static Affine<Fp> Sign(Fr secretKey, ReadOnlySpan<byte> digest32) =>
        HashToG1(digest32).ToJacobian().Multiply(secretKey).ToAffine();

    /// <summary>
    /// Many signatures on one digest at once: with powers ρ^i of a challenge ρ = keccak256(digest ‖ every σ_i ‖ every
    /// pk₂_i) mod r, e(Σ ρ^i·σ_i, −G₂)·e(H(m), Σ ρ^i·pk₂_i) = 1. Two pairings instead of N; the random weights stop a
    /// bad signature from being cancelled by another. True exactly when every signature verifies, except with
    /// probability about N/r. Empty input is true.
    /// </summary>
    public static bool VerifySameMessage(ReadOnlySpan<Affine<Fp>> signatures, ReadOnlySpan<Affine<Fp2>> publicKeysG2, ReadOnlySpan<byte> digest32)
    {
        if (signatures.Length != publicKeysG2.Length)
        {
            throw new ArgumentException("one public key per signature", nameof(publicKeysG2));
        }
        if (signatures.Length == 0)
        {
            return true;
        }
        var transcript = new List<byte>(digest32.ToArray());
        for (int i = 0; i < signatures.Length; i++)
        {
            if (signatures[i].Infinity || publicKeysG2[i].Infinity || !G1.IsOnCurve(signatures[i]))
            {
                return false;
            }
            transcript.AddRange(G1.ToBytes(signatures[i]));
            transcript.AddRange(G2.ToBytes(publicKeysG2[i]));
        }
        var rho = Fr.FromBigEndianReduced(Keccak.Hash([.. transcript]));
        var weights = new Fr[signatures.Length];
        var w = Fr.One;
        for (int i = 0; i < weights.Length; i++)
        {
            w *= rho.IsZero ? Fr.One : rho;
            weights[i] = w;
        }
        var sigma = Msm.Compute(signatures, weights).ToAffine();
        var pk = Msm.Compute(publicKeysG2, weights).ToAffine();
        return Pairing.Check([sigma, HashToG1(digest32)], [G2.Generator.Negate(), pk]);
    }

    /// <summary>e(H(m), pk₂) · e(−σ, G₂) = 1.</summary>
    public static bool Verify(in Affine<Fp> signature, in Affine<Fp2> publicKeyG2, ReadOnlySpan<byte> digest32)
    {
        if (signature.Infinity || publicKeyG2.Infinity || !G1.IsOnCurve(signature))
        {
            return false;
        }
        return Pairing.Check([HashToG1(digest32), signature.Negate()], [publicKeyG2, G2.Generator]);
    }

    public static Affine<Fp> AggregateG1(ReadOnlySpan<Affine<Fp>> points)
    {
        var acc = Jacobian<Fp>.Identity;
        foreach (var p in points)
        {
            acc = acc.AddAffine(p);
        }
        return acc.ToAffine();
    }

    public static Affine<Fp2> AggregateG2(ReadOnlySpan<Affine<Fp2>> points)
    {
        var acc = Jacobian<Fp2>.Identity;
        foreach (var p in points)
        {
            acc = acc.AddAffine(p);
        }
        return acc.ToAffine();
    }

    /// <summary>
    /// The signers' G1 aggregate key as BLSSignatureChecker derives it: the quorum's aggregate key minus the non-signers' keys.
    /// </summary>
    public static Affine<Fp> SignersApk(in Affine<Fp> quorumApk, ReadOnlySpan<Affine<Fp>> nonSignerKeys)
    {
        var acc = quorumApk.ToJacobian();
        foreach (var k in nonSignerKeys)
        {
            acc = acc.AddAffine(k.Negate());
        }
        return acc.ToAffine();
    }

    /// <summary>
    /// trySignatureAndApkVerification: γ = keccak256(msg ‖ apk.X ‖ apk.Y ‖ apkG2.X[0] ‖ apkG2.X[1] ‖ apkG2.Y[0] ‖ apkG2.Y[1] ‖ σ.X ‖ σ.Y) mod r
    /// (Solidity's G2 order: imaginary part first), then one two-pair check e(σ + γ·apk, −G₂) · e(H(m) + γ·G₁, apkG2) = 1.
    /// It checks the signature and that apk (G1) and apkG2 hold the same secret in one go.
    /// </summary>
    public static bool VerifyAggregate(in Affine<Fp> apk, in Affine<Fp2> apkG2, in Affine<Fp> sigma, ReadOnlySpan<byte> digest32)
    {
        if (digest32.Length != 32)
        {
            throw new CryptoException(CryptoError.BadLength, "the message digest is 32 bytes");
        }
        var gamma = Challenge(apk, apkG2, sigma, digest32);
        var left = (sigma.ToJacobian() + apk.ToJacobian().Multiply(gamma)).ToAffine();
        var right = (HashToG1(digest32).ToJacobian() + G1.Generator.ToJacobian().Multiply(gamma)).ToAffine();
        return Pairing.Check([left, right], [G2.Generator.Negate(), apkG2]);
    }

    internal static Fr Challenge(in Affine<Fp> apk, in Affine<Fp2> apkG2, in Affine<Fp> sigma, ReadOnlySpan<byte> digest32)
    {
        var buffer = new byte[32 + 64 + 128 + 64];
        digest32.CopyTo(buffer);
        G1.ToBytes(apk).CopyTo(buffer, 32);
        G2.ToBytes(apkG2).CopyTo(buffer, 96);
        G1.ToBytes(sigma).CopyTo(buffer, 224);
        return Fr.FromBigEndianReduced(Keccak.Hash(buffer));
    }
}

/// <summary>An operator's BLS key: the secret and both public keys (G1 for the registry's aggregate, G2 for verification).</summary>
public sealed class BlsKeyPair
{
    public Fr SecretKey { get; }
    public Affine<Fp> PublicKeyG1 { get; }
    public Affine<Fp2> PublicKeyG2 { get; }

    public BlsKeyPair(Fr secretKey)
    {
        if (secretKey.IsZero)
        {
            throw new CryptoException(CryptoError.ScalarNotInField, "a BLS secret key must be non-zero");
        }
        SecretKey = secretKey;
        PublicKeyG1 = G1.MulGenerator(secretKey).ToAffine();
        PublicKeyG2 = G2.MulGenerator(secretKey).ToAffine();
    }

    /// <summary>A key from 32 bytes of seed material (reduced mod r), for devnets and tests.</summary>
    public static BlsKeyPair FromSeed(ReadOnlySpan<byte> seed) => new(Fr.FromBigEndianReduced(Keccak.Hash(seed)));

    public Affine<Fp> Sign(ReadOnlySpan<byte> digest32) => Bls.Sign(SecretKey, digest32);
}
