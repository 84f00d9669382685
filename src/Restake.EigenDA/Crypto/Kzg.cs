namespace Restake.EigenDA.Crypto;

/// <summary>
/// KZG commitments over an <see cref="Srs"/>: C = [p(τ)]₁ for a polynomial given by its coefficients, single-point
/// openings, and the coset multiproof check EigenDA's chunks use.
/// </summary>
public static class Kzg
{
    public static Affine<Fp> Commit(Srs srs, ReadOnlySpan<Fr> coefficients)
    {
        if (coefficients.Length > srs.G1Count)
        {
            throw new CryptoException(CryptoError.BadLength, $"a polynomial of {coefficients.Length} coefficients needs {coefficients.Length} SRS points, the SRS has {srs.G1Count}");
        }
        return Msm.Compute(srs.G1[..coefficients.Length], coefficients).ToAffine();
    }

    public static Fr Evaluate(ReadOnlySpan<Fr> coefficients, Fr z)
    {
        var acc = Fr.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            acc = (acc * z) + coefficients[i];
        }
        return acc;
    }

    /// <summary>p(z) and the proof [q(τ)]₁ with q = (p − p(z))/(X − z).</summary>
    public static (Fr Value, Affine<Fp> Proof) Open(Srs srs, ReadOnlySpan<Fr> coefficients, Fr z)
    {
        int n = coefficients.Length;
        if (n == 0)
        {
            return (Fr.Zero, Affine<Fp>.Identity);
        }
        var q = new Fr[Math.Max(0, n - 1)];
        var acc = coefficients[n - 1];
        for (int i = n - 2; i >= 0; i--)
        {
            q[i] = acc;
            acc = (acc * z) + coefficients[i];
        }
        return (acc, Commit(srs, q));
    }

    /// <summary>e(C − y·G₁, G₂) = e(π, [τ]₂ − z·G₂).</summary>
    public static bool VerifyOpening(Srs srs, in Affine<Fp> commitment, Fr z, Fr value, in Affine<Fp> proof)
    {
        var lhs = (commitment.ToJacobian() - G1.MulGenerator(value)).ToAffine();
        var rhs = (srs.G2Power(1).ToJacobian() - G2.MulGenerator(z)).ToAffine();
        return Pairing.Check([lhs, proof.Negate()], [G2.Generator, rhs]);
    }

    /// <summary>
    /// The coset multiproof check: with I the interpolant of the claimed values on the coset h·⟨ω_l⟩ (so X^l − h^l vanishes on it),
    /// e(C − [I(τ)]₁, G₂) = e(π, [τ^l]₂ − h^l·G₂).
    /// </summary>
    public static bool VerifyCoset(Srs srs, in Affine<Fp> commitment, Fr cosetShift, ReadOnlySpan<Fr> interpolantCoefficients, in Affine<Fp> proof)
    {
        int l = interpolantCoefficients.Length;
        var i = Msm.Compute(srs.G1[..l], interpolantCoefficients);
        var lhs = (commitment.ToJacobian() - i).ToAffine();
        var z = cosetShift.Pow((ulong)l);
        var rhs = (srs.G2Power(l).ToJacobian() - G2.MulGenerator(z)).ToAffine();
        return Pairing.Check([lhs, proof.Negate()], [G2.Generator, rhs]);
    }

    /// <summary>
    /// The length commitment and proof (encoding spec, "Blob Size Verification"): L = [p(τ)]₂ and P = [τ^(N−len)·p(τ)]₂ with
    /// N = the SRS's G1 point count here; P can only be formed if deg p &lt; len, since τ^(N−len)·p(τ) would otherwise need
    /// powers the SRS does not have.
    /// </summary>
    public static (Affine<Fp2> LengthCommitment, Affine<Fp2> LengthProof) CommitLength(Srs srs, ReadOnlySpan<Fr> coefficients, int length)
    {
        if (coefficients.Length > length || length > srs.G1Count)
        {
            throw new CryptoException(CryptoError.BadLength, $"a length-{length} proof needs at most {length} coefficients and an SRS of at least {length} points");
        }
        var c = coefficients.ToArray();
        var l = Msm.Compute<Fp2>(srs.G2Powers(0, c.Length), c).ToAffine();
        var p = Msm.Compute<Fp2>(srs.G2Powers(srs.G1Count - length, c.Length), c).ToAffine();
        return (l, p);
    }

    /// <summary>
    /// e(C, G₂) = e(G₁, L) (L commits to the same polynomial as C) and e([τ^(N−len)]₁, L) = e(G₁, P) (its degree is below len).
    /// </summary>
    public static bool VerifyLength(Srs srs, in Affine<Fp> commitment, in Affine<Fp2> lengthCommitment, in Affine<Fp2> lengthProof, int length)
    {
        if (length < 1 || length > srs.G1Count)
        {
            return false;
        }
        var minusG1 = G1.Generator.Negate();
        return Pairing.Check([commitment, minusG1], [G2.Generator, lengthCommitment])
            && Pairing.Check([srs.G1[srs.G1Count - length], minusG1], [lengthCommitment, lengthProof]);
    }
}
