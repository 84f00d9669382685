using Org.BouncyCastle.Crypto.Digests;

namespace Restake.Protocol.Rewards;

/// <summary>Ethereum's Keccak-256 (the pre-standard SHA-3 padding), from BouncyCastle.</summary>
public static class Keccak
{
    [ThreadStatic]
    private static KeccakDigest? _digest;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[32];
        Hash(data, output);
        return output;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        var digest = _digest ??= new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(output);
    }
}
