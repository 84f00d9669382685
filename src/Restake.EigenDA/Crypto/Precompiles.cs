using System.Numerics;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// The EVM's BN254 precompiles (EIP-196/197): ecAdd 0x06, ecMul 0x07, ecPairing 0x08, with their input rules.
/// Short inputs are right-padded with zeros and extra bytes ignored (0x06, 0x07); pairing input must be a multiple of 192 bytes.
/// Invalid points raise <see cref="CryptoException"/>, which is where the EVM call would fail.
/// </summary>
public static class Precompiles
{
    public static byte[] Add(ReadOnlySpan<byte> input)
    {
        var b = Padded(input, 128);
        var p = G1.FromBytes(b.AsSpan(0, 64));
        var q = G1.FromBytes(b.AsSpan(64, 64));
        return G1.ToBytes((p.ToJacobian() + q.ToJacobian()).ToAffine());
    }

    public static byte[] Mul(ReadOnlySpan<byte> input)
    {
        var b = Padded(input, 96);
        var p = G1.FromBytes(b.AsSpan(0, 64));
        var k = new BigInteger(b.AsSpan(64, 32), isUnsigned: true, isBigEndian: true);
        return G1.ToBytes(p.ToJacobian().Multiply(k).ToAffine());
    }

    public static byte[] Pairing(ReadOnlySpan<byte> input)
    {
        if (input.Length % 192 != 0)
        {
            throw new CryptoException(CryptoError.BadLength, "pairing input must be a multiple of 192 bytes");
        }
        int n = input.Length / 192;
        var ps = new Affine<Fp>[n];
        var qs = new Affine<Fp2>[n];
        for (int i = 0; i < n; i++)
        {
            ps[i] = G1.FromBytes(input.Slice(i * 192, 64));
            qs[i] = G2.FromBytes(input.Slice((i * 192) + 64, 128));
        }
        var result = new byte[32];
        if (Crypto.Pairing.Check(ps, qs))
        {
            result[31] = 1;
        }
        return result;
    }

    private static byte[] Padded(ReadOnlySpan<byte> input, int length)
    {
        var b = new byte[length];
        input[..Math.Min(length, input.Length)].CopyTo(b);
        return b;
    }
}
