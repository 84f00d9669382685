using System.Collections.Concurrent;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// A KZG structured reference string: [τ^i]₁ for i below <see cref="G1Count"/>, and [τ^k]₂ for the powers a verifier
/// asks for (1 and the chunk lengths). Either an INSECURE local setup from a known τ (devnets and tests only: anyone
/// who knows τ can forge proofs) or points read from EigenDA's SRS files (see <see cref="SrsFiles"/>).
/// </summary>
public sealed class Srs
{
    private readonly Affine<Fp>[] _g1;
    private readonly Func<int, Affine<Fp2>?> _g2Source;
    private readonly ConcurrentDictionary<int, Affine<Fp2>> _g2 = new();

    public bool IsInsecure { get; }
    public int G1Count => _g1.Length;
    public ReadOnlySpan<Affine<Fp>> G1 => _g1;

    private Srs(Affine<Fp>[] g1, Func<int, Affine<Fp2>?> g2Source, bool insecure)
    {
        _g1 = g1;
        _g2Source = g2Source;
        IsInsecure = insecure;
    }

    /// <summary>[τ^k]₂ for k in [from, from + count): the bases of G2 commitments.</summary>
    public Affine<Fp2>[] G2Powers(int from, int count)
    {
        var points = new Affine<Fp2>[count];
        Parallel.For(0, count, i => points[i] = G2Power(from + i));
        return points;
    }

    /// <summary>[τ^k]₂; throws when the source does not hold that power.</summary>
    public Affine<Fp2> G2Power(int k) => _g2.GetOrAdd(k, i =>
        _g2Source(i) ?? throw new CryptoException(CryptoError.BadLength, $"the SRS holds no G2 point for τ^{i}"));

    /// <summary>
    /// INSECURE: an SRS built from a τ the caller knows. For local devnets and tests only, never for real data.
    /// G1 powers use a fixed-base table (32 byte-windows of the generator), so 2^15 points take seconds.
    /// </summary>
    public static Srs CreateInsecure(Fr tau, int g1Count)
    {
        if (tau.IsZero || tau.IsOne)
        {
            throw new ArgumentException("τ must not be 0 or 1", nameof(tau));
        }
        var powers = FftDomain.Powers(tau, g1Count);
        var table = Crypto.G1.GeneratorTable;
        var jac = new Jacobian<Fp>[g1Count];
        Parallel.For(0, g1Count, i => jac[i] = table.Multiply(powers[i]));
        var g1 = Jacobian<Fp>.BatchToAffine(jac);
        return new Srs(g1, k => G2Generator(tau.Pow((ulong)k)), insecure: true);

        static Affine<Fp2> G2Generator(Fr s) => Crypto.G2.MulGenerator(s).ToAffine();
    }

    /// <summary>An SRS from points read elsewhere (e.g. <see cref="SrsFiles"/>); g2Powers maps a power k to [τ^k]₂.</summary>
    public static Srs FromPoints(Affine<Fp>[] g1, IReadOnlyDictionary<int, Affine<Fp2>> g2Powers) =>
        new(g1, k => g2Powers.TryGetValue(k, out var p) ? p : k == 0 ? Crypto.G2.Generator : null, insecure: false);
}

/// <summary>k·G by a precomputed table T[j][d] = d·2^(8j)·G: 32 mixed additions per multiplication.</summary>
internal sealed class FixedBaseTable<TF> where TF : struct, IField<TF>
{
    private readonly Affine<TF>[][] _t;

    public FixedBaseTable(Affine<TF> g)
    {
        _t = new Affine<TF>[32][];
        var b = g.ToJacobian();
        for (int j = 0; j < 32; j++)
        {
            var row = new Jacobian<TF>[256];
            row[0] = Jacobian<TF>.Identity;
            for (int d = 1; d < 256; d++)
            {
                row[d] = row[d - 1] + b;
            }
            _t[j] = Jacobian<TF>.BatchToAffine(row);
            for (int k = 0; k < 8; k++)
            {
                b = b.Double();
            }
        }
    }

    public Jacobian<TF> Multiply(Fr k)
    {
        Span<byte> bytes = stackalloc byte[32];
        k.WriteBigEndian(bytes);
        var acc = Jacobian<TF>.Identity;
        for (int j = 0; j < 32; j++)
        {
            acc = acc.AddAffine(_t[j][bytes[31 - j]]);
        }
        return acc;
    }
}

/// <summary>
/// Readers for EigenDA's SRS files (resources/srs: g1.point, g2.point, g2.point.powerOf2), which store points in
/// gnark-crypto's compressed form: G1 = 32 bytes (x big-endian), G2 = 64 bytes (x.c1 then x.c0); the top two bits of
/// the first byte are flags: 10 = y is the smaller root, 11 = y is the lexicographically larger root, 01 = infinity.
/// </summary>
public static class SrsFiles
{
    private const byte FlagMask = 0b1100_0000;
    private const byte Smallest = 0b1000_0000;
    private const byte Largest = 0b1100_0000;
    private const byte Infinity = 0b0100_0000;

    public static Affine<Fp>[] ReadG1(string path, int count)
    {
        var bytes = ReadPrefix(path, count * 32L);
        var points = new Affine<Fp>[count];
        Parallel.For(0, count, i => points[i] = DecompressG1(bytes.AsSpan(i * 32, 32)));
        return points;
    }

    /// <summary>All G2 points of g2.point (index = power of τ).</summary>
    public static Affine<Fp2>[] ReadG2(string path, int count)
    {
        var bytes = ReadPrefix(path, count * 64L);
        var points = new Affine<Fp2>[count];
        Parallel.For(0, count, i => points[i] = DecompressG2(bytes.AsSpan(i * 64, 64)));
        return points;
    }

    /// <summary>g2.point.powerOf2: entry i is [τ^(2^i)]₂; returned keyed by the power 2^i.</summary>
    public static Dictionary<int, Affine<Fp2>> ReadG2PowersOf2(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length % 64 != 0)
        {
            throw new CryptoException(CryptoError.BadLength, $"{path}: size {bytes.Length} is not a multiple of 64 bytes");
        }
        var result = new Dictionary<int, Affine<Fp2>>();
        for (int i = 0; i < bytes.Length / 64 && i < 31; i++)
        {
            result[1 << i] = DecompressG2(bytes.AsSpan(i * 64, 64));
        }
        return result;
    }

    private static byte[] ReadPrefix(string path, long length)
    {
        using var f = File.OpenRead(path);
        if (f.Length < length)
        {
            throw new CryptoException(CryptoError.BadLength, $"{path} holds {f.Length} bytes, {length} needed");
        }
        var b = new byte[length];
        f.ReadExactly(b);
        return b;
    }

    public static Affine<Fp> DecompressG1(ReadOnlySpan<byte> b32)
    {
        byte flag = (byte)(b32[0] & FlagMask);
        Span<byte> x = stackalloc byte[32];
        b32.CopyTo(x);
        x[0] &= unchecked((byte)~FlagMask);
        if (flag == Infinity)
        {
            return Affine<Fp>.Identity;
        }
        if (flag is not (Smallest or Largest))
        {
            throw new CryptoException(CryptoError.BadFlags, "not a compressed G1 point (flag bits)");
        }
        if (!Fp.TryFromBigEndian(x, out var xf))
        {
            throw new CryptoException(CryptoError.CoordinateNotInField, "compressed G1 x is not below p");
        }
        if (!((xf.Square() * xf) + Crypto.G1.B).TrySqrt(out var y))
        {
            throw new CryptoException(CryptoError.NotOnCurve, "compressed G1 x has no point on the curve");
        }
        if (y.IsLexicographicallyLargest != (flag == Largest))
        {
            y = -y;
        }
        return new Affine<Fp>(xf, y);
    }

    public static Affine<Fp2> DecompressG2(ReadOnlySpan<byte> b64)
    {
        byte flag = (byte)(b64[0] & FlagMask);
        Span<byte> x = stackalloc byte[64];
        b64.CopyTo(x);
        x[0] &= unchecked((byte)~FlagMask);
        if (flag == Infinity)
        {
            return Affine<Fp2>.Identity;
        }
        if (flag is not (Smallest or Largest))
        {
            throw new CryptoException(CryptoError.BadFlags, "not a compressed G2 point (flag bits)");
        }
        if (!Fp.TryFromBigEndian(x[..32], out var x1) || !Fp.TryFromBigEndian(x[32..], out var x0))
        {
            throw new CryptoException(CryptoError.CoordinateNotInField, "compressed G2 x is not below p");
        }
        var xf = new Fp2(x0, x1);
        if (!((xf.Square() * xf) + Crypto.G2.B).TrySqrt(out var y))
        {
            throw new CryptoException(CryptoError.NotOnCurve, "compressed G2 x has no point on the twist");
        }
        if (IsLargest(y) != (flag == Largest))
        {
            y = -y;
        }
        return new Affine<Fp2>(xf, y);
    }

    // gnark's E2 rule: compare the imaginary part, or the real part when the imaginary part is zero.
    private static bool IsLargest(Fp2 y) => y.C1.IsZero ? y.C0.IsLexicographicallyLargest : y.C1.IsLexicographicallyLargest;

    public static byte[] CompressG1(in Affine<Fp> p)
    {
        var b = new byte[32];
        if (p.Infinity)
        {
            b[0] = Infinity;
            return b;
        }
        p.X.WriteBigEndian(b);
        b[0] |= p.Y.IsLexicographicallyLargest ? Largest : Smallest;
        return b;
    }
}
