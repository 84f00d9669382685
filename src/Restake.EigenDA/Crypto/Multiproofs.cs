using System.Collections.Concurrent;

namespace Restake.EigenDA.Crypto;

/// <summary>
/// KZG proofs for all m cosets of size l of a polynomial of n coefficients at once. Coset k (k in natural order) is
/// ω_m^k-shifted: its points x satisfy x^l = z_k = ω_m^k, and its proof is [q_k(τ)]₁ with q_k = p div (X^l − z_k).
/// Writing p = Σ c_{il+s} X^{il+s}, q_k(τ) = Σ_t z_k^t · H_t with H_t = Σ_{i&gt;t} Σ_s c_{il+s}[τ^{(i−1−t)l+s}], so all m proofs
/// are one size-m FFT over G1 of (H_0 … H_{n/l−2}, 0 …). FK20 (Feist–Khovratovich) gets the H_t from l Toeplitz
/// products done as circulant convolutions of size 2n/l: the SRS side is transformed once per (n, l) and cached.
/// </summary>
public sealed class Fk20Prover(Srs srs)
{
    private readonly ConcurrentDictionary<(int N, int L), Affine<Fp>[][]> _tables = new();

    public Srs Srs { get; } = srs;

    /// <summary>Proofs for the cosets in natural order k = 0..m−1 (z_k = ω_m^k).</summary>
    public Affine<Fp>[] Prove(ReadOnlySpan<Fr> coefficients, int chunkLength, int numChunks)
    {
        int n = coefficients.Length;
        int l = chunkLength;
        Validate(n, l, numChunks, Srs);
        int k = n / l;
        var h = new Jacobian<Fp>[numChunks];
        for (int t = 0; t < numChunks; t++)
        {
            h[t] = Jacobian<Fp>.Identity;
        }
        if (k >= 2)
        {
            var table = Table(n, l);
            var domain = FftDomain.Of(2 * k);
            // Â_s = FFT(A'_s) with A'_s[j] = c_{(K−j)l+s} for j = 1..K−1 (the Toeplitz column in circulant form).
            var aHat = new Fr[2 * k][];
            for (int f = 0; f < 2 * k; f++)
            {
                aHat[f] = new Fr[l];
            }
            var coeffs = coefficients.ToArray();
            Parallel.For(0, l, s =>
            {
                var a = new Fr[2 * k];
                for (int j = 1; j < k; j++)
                {
                    a[j] = coeffs[((k - j) * l) + s];
                }
                domain.Forward(a);
                // The inverse G1 transform's 1/(2K) is folded in here, on cheap field elements.
                var scale = domain.SizeInverse;
                for (int f = 0; f < 2 * k; f++)
                {
                    aHat[f][s] = a[f] * scale;
                }
            });
            // Ĥ[f] = Σ_s Â_s[f]·Ŝ_s[f]: one small MSM per frequency.
            var acc = new Jacobian<Fp>[2 * k];
            Parallel.For(0, 2 * k, f => acc[f] = Msm.Compute(table[f], aHat[f], parallel: false));
            domain.ForwardG1(acc, inverse: true, scaleInverse: false);
            // H_t = (A' ⊛ S)[K − 1 − t].
            for (int t = 0; t <= k - 2; t++)
            {
                h[t] = acc[k - 1 - t];
            }
        }
        FftDomain.Of(numChunks).ForwardG1(h);
        return Jacobian<Fp>.BatchToAffine(h);
    }

    // For each s: FFT over G1 (size 2K) of S_s[u] = [τ^{ul+s}] for u < K, zero-padded; stored by frequency: [f][s], affine.
    private Affine<Fp>[][] Table(int n, int l) => _tables.GetOrAdd((n, l), key =>
    {
        int k = key.N / key.L;
        var domain = FftDomain.Of(2 * k);
        var g1 = Srs.G1.ToArray();
        var rows = new Affine<Fp>[key.L][];
        for (int s = 0; s < key.L; s++)
        {
            var row = new Jacobian<Fp>[2 * k];
            for (int u = 0; u < 2 * k; u++)
            {
                row[u] = u < k ? g1[(u * key.L) + s].ToJacobian() : Jacobian<Fp>.Identity;
            }
            domain.ForwardG1(row);
            rows[s] = Jacobian<Fp>.BatchToAffine(row);
        }
        var byFrequency = new Affine<Fp>[2 * k][];
        for (int f = 0; f < 2 * k; f++)
        {
            byFrequency[f] = new Affine<Fp>[key.L];
            for (int s = 0; s < key.L; s++)
            {
                byFrequency[f][s] = rows[s][f];
            }
        }
        return byFrequency;
    });

    /// <summary>Builds (and caches) the SRS-side transforms for blobs of n coefficients in chunks of l: a one-time cost per size.</summary>
    public void Precompute(int n, int l) => _ = Table(n, l);

    /// <summary>The same proofs by one polynomial division and one MSM per coset: O(m·n), the oracle FK20 is tested against.</summary>
    public static Affine<Fp>[] ProveNaive(Srs srs, ReadOnlySpan<Fr> coefficients, int chunkLength, int numChunks)
    {
        int n = coefficients.Length;
        Validate(n, chunkLength, numChunks, srs);
        var omegaM = Fr.RootOfUnity(System.Numerics.BitOperations.Log2((uint)numChunks));
        var proofs = new Affine<Fp>[numChunks];
        var c = coefficients.ToArray();
        Parallel.For(0, numChunks, kk =>
        {
            var z = omegaM.Pow((ulong)kk);
            var q = QuotientByXlMinusZ(c, chunkLength, z);
            proofs[kk] = Msm.Compute(srs.G1[..q.Length], q).ToAffine();
        });
        return proofs;
    }

    /// <summary>p div (X^l − z) by synthetic division (the remainder is the coset interpolant).</summary>
    public static Fr[] QuotientByXlMinusZ(ReadOnlySpan<Fr> p, int l, Fr z)
    {
        int n = p.Length;
        if (n <= l)
        {
            return [];
        }
        var r = p.ToArray();
        var q = new Fr[n - l];
        for (int i = n - 1; i >= l; i--)
        {
            q[i - l] = r[i];
            r[i - l] += z * r[i];
        }
        return q;
    }

    private static void Validate(int n, int l, int m, Srs srs)
    {
        if (!System.Numerics.BitOperations.IsPow2(n) || !System.Numerics.BitOperations.IsPow2(l) || !System.Numerics.BitOperations.IsPow2(m))
        {
            throw new ArgumentException("blob length, chunk length and chunk count are powers of two");
        }
        if (l > n)
        {
            throw new ArgumentException($"chunk length {l} exceeds the polynomial's {n} coefficients");
        }
        if ((long)l * m < n)
        {
            throw new ArgumentException($"{m} cosets of {l} points cannot hold a polynomial of {n} coefficients");
        }
        if (n > srs.G1Count)
        {
            throw new CryptoException(CryptoError.BadLength, $"the SRS has {srs.G1Count} G1 points, {n} needed");
        }
    }
}
