using System.Security.Cryptography;
using System.Text;
using Bc = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Restake.Picasso;

/// <summary>Ed25519 (RFC 8032) through BouncyCastle's managed code: validators' Solana keys sign fingerprints.</summary>
public static class Ed25519
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    public static bool Verify(PubKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        key.Length == PublicKeyLength && signature.Length == SignatureLength
        && Bc.Verify(signature.ToArray(), 0, key.Bytes.ToArray(), 0, message.ToArray(), 0, message.Length);
}

/// <summary>A validator's key pair. Keys from a name are deterministic (SHA-256 of a label), for reproducible scenarios.</summary>
public sealed class SigningKey
{
    private readonly byte[] _secret;

    public SigningKey(byte[] secret32)
    {
        if (secret32.Length != Bc.SecretKeySize)
        {
            throw new ArgumentException("an ed25519 secret key is 32 bytes", nameof(secret32));
        }
        _secret = (byte[])secret32.Clone();
        var pk = new byte[Bc.PublicKeySize];
        Bc.GeneratePublicKey(_secret, 0, pk, 0);
        PubKey = new PubKey(pk);
    }

    public static SigningKey FromName(string name) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("restake/picasso/validator/" + name)));

    public PubKey PubKey { get; }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var sig = new byte[Bc.SignatureSize];
        Bc.Sign(_secret, 0, message.ToArray(), 0, message.Length, sig, 0);
        return sig;
    }
}
