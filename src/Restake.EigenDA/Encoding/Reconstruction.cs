using System.Numerics;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Encoding;

/// <summary>
/// Reed-Solomon decoding: the blob's coefficients from any BlobLength/ChunkLength distinct chunks.
/// Chunk j fixes p mod (X^l − z_j) (its coset interpolant I_j, z_j = h_j^l). Writing p(X) = Σ_s X^s·p_s(X^l), that is
/// p_s(z_j) = I_j[s]: l interpolations of degree &lt; K = n/l on the same K points z_j, sharing one set of Lagrange
/// basis polynomials. Cost O(n·K) field operations (K ≤ 1024 at the mainnet parameters).
/// </summary>
public static class Reconstruction
{
    /// <summary>The blob's coefficients. Chunks are trusted here; use <see cref="VerifyAndReconstruct"/> for untrusted ones.</summary>
    public static Fr[] Reconstruct(EncodingParams p, int blobLength, IEnumerable<Chunk> chunks)
    {
        p.Validate(blobLength);
        int l = p.ChunkLength;
        int k = p.ChunksToReconstruct(blobLength);
        var chosen = new List<Chunk>(k);
        var seen = new HashSet<int>();
        foreach (var c in chunks)
        {
            if (c.Index < 0 || c.Index >= p.NumChunks || c.Evaluations.Length != l)
            {
                throw new EncodingException(EncodingError.BadChunk, $"chunk {c.Index}: expected an index below {p.NumChunks} and {l} symbols");
            }
            if (seen.Add(c.Index) && chosen.Count < k)
            {
                chosen.Add(c);
            }
        }
        if (chosen.Count < k)
        {
            throw new EncodingException(EncodingError.NotEnoughChunks, $"reconstruction needs {k} distinct chunks of {l} symbols for a {blobLength}-symbol blob; got {seen.Count}");
        }

        var z = new Fr[k];
        var interpolants = new Fr[k][];
        for (int j = 0; j < k; j++)
        {
            var shift = p.CosetShift(chosen[j].Index);
            z[j] = shift.Pow((ulong)l);
            interpolants[j] = BlobEncoder.FrameCoefficients(p, chosen[j].Index, chosen[j].Evaluations);
        }
        var basis = LagrangeBasis(z);
        var blob = new Fr[blobLength];
        Parallel.For(0, l, s =>
        {
            var ps = new Fr[k];
            for (int j = 0; j < k; j++)
            {
                var y = interpolants[j][s];
                if (y.IsZero)
                {
                    continue;
                }
                var row = basis[j];
                for (int i = 0; i < k; i++)
                {
                    ps[i] += y * row[i];
                }
            }
            for (int i = 0; i < k; i++)
            {
                blob[(i * l) + s] = ps[i];
            }
        });
        return blob;
    }

    /// <summary>
    /// Verifies chunks one by one against the commitment, drops those whose proof fails, and reconstructs from the first
    /// sufficient set of good ones; <see cref="EncodingError.NotEnoughChunks"/> when the good ones are too few.
    /// </summary>
    public static Fr[] VerifyAndReconstruct(BlobEncoder verifier, BlobCommitment commitment, EncodingParams p, IEnumerable<Chunk> chunks, out int rejected) =>
        VerifyAndReconstruct(verifier, commitment, p, chunks.Select(c => (IReadOnlyList<Chunk>)[c]), out rejected);

    /// <summary>
    /// Like the one-by-one overload, for chunks arriving in groups (one per operator): each group's new chunks are checked
    /// with one batched pairing check; only a group that fails the batch is checked chunk by chunk, so one bad chunk costs
    /// its own group the slow path and nothing else. Stops asking for groups once enough good chunks are in.
    /// </summary>
    public static Fr[] VerifyAndReconstruct(BlobEncoder verifier, BlobCommitment commitment, EncodingParams p, IEnumerable<IReadOnlyList<Chunk>> groups, out int rejected)
    {
        int k = p.ChunksToReconstruct(commitment.Length);
        var good = new List<Chunk>(k);
        var seen = new HashSet<int>();
        rejected = 0;
        foreach (var group in groups)
        {
            if (good.Count >= k)
            {
                break;
            }
            var fresh = group.Where(c => !seen.Contains(c.Index)).DistinctBy(c => c.Index).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            // A lone chunk goes straight to its own check: a failed batch of one would only be checked twice.
            if (fresh.Count > 1 && verifier.VerifyBatch(commitment, p, fresh))
            {
                good.AddRange(fresh);
                seen.UnionWith(fresh.Select(c => c.Index));
                continue;
            }
            foreach (var c in fresh)
            {
                if (verifier.Verify(commitment, p, c))
                {
                    seen.Add(c.Index);
                    good.Add(c);
                }
                else
                {
                    rejected++;
                }
            }
        }
        if (good.Count < k)
        {
            throw new EncodingException(EncodingError.NotEnoughChunks, $"reconstruction needs {k} distinct verified chunks; got {good.Count} ({rejected} failed their proof)");
        }
        return Reconstruct(p, commitment.Length, good);
    }

    // Coefficients of L_j(Y) = Π_{i≠j}(Y − z_i)/(z_j − z_i) for distinct z.
    private static Fr[][] LagrangeBasis(Fr[] z)
    {
        int k = z.Length;
        // Z(Y) = Π (Y − z_i), k+1 coefficients.
        var full = new Fr[k + 1];
        full[0] = Fr.One;
        for (int i = 0; i < k; i++)
        {
            for (int d = i + 1; d >= 1; d--)
            {
                full[d] = full[d - 1] - (z[i] * full[d]);
            }
            full[0] = -(z[i] * full[0]);
        }
        var denominators = new Fr[k];
        var basis = new Fr[k][];
        Parallel.For(0, k, j =>
        {
            // Z(Y)/(Y − z_j) by synthetic division, then its value at z_j is the denominator.
            var q = new Fr[k];
            var acc = full[k];
            for (int d = k - 1; d >= 0; d--)
            {
                q[d] = acc;
                acc = full[d] + (z[j] * acc);
            }
            var denom = Kzg.Evaluate(q, z[j]);
            if (denom.IsZero)
            {
                throw new EncodingException(EncodingError.BadChunk, "two chunks share a coset");
            }
            basis[j] = q;
            denominators[j] = denom;
        });
        FieldMath.BatchInverse<Fr>(denominators);
        Parallel.For(0, k, j =>
        {
            var row = basis[j];
            for (int i = 0; i < k; i++)
            {
                row[i] *= denominators[j];
            }
        });
        return basis;
    }
}
