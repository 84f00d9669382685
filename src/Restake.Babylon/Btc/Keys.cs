using NBitcoin.Secp256k1;
using NBitcoin;

namespace Restake.Babylon.Btc;

/// <summary>BIP-340 x-only keys as Babylon writes them into scripts (32 bytes, sorted by these bytes).</summary>
public static class Keys
{
    /// <summary>The BIP-341 "nothing up my sleeve" point H: the staking output's internal key, so the key path is unspendable (babylon docs/staking-script.md).</summary>
    public static readonly byte[] UnspendableKeyPathX = Convert.FromHexString("50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0");

    public static TaprootInternalPubKey UnspendableInternalKey { get; } = new(UnspendableKeyPathX);

    /// <summary>The x-only form of a compressed (33-byte) or x-only (32-byte) hex key; null if it is not a point on the curve.</summary>
    public static byte[]? ParseXOnly(string hex)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length == 33 && (bytes[0] == 2 || bytes[0] == 3))
        {
            bytes = bytes[1..];
        }
        return bytes.Length == 32 && ECXOnlyPubKey.TryCreate(bytes, Context.Instance, out _) ? bytes : null;
    }

    public static byte[] XOnly(Key key) => key.PubKey.TaprootInternalKey.ToBytes();

    public static byte[] XOnly(PubKey key) => key.TaprootInternalKey.ToBytes();

    /// <summary>A deterministic test key: secret = SHA256(name), for demos and tests, never for value.</summary>
    public static Key FromName(string name) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    public static int Compare(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
