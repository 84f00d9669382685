using System.Numerics;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Encoding;

/// <summary>
/// A blob version's encoding parameters: the blob polynomial (BlobLength coefficients) is evaluated on the
/// NumChunks·ChunkLength-th roots of unity and cut into NumChunks chunks of ChunkLength evaluations.
/// </summary>
public readonly record struct EncodingParams(int NumChunks, int ChunkLength)
{
    /// <summary>Blob version 0 on mainnet (EigenDAThresholdRegistry): 8192 chunks, coding rate 8.</summary>
    public const int DefaultNumChunks = 8192;
    public const int DefaultCodingRate = 8;

    public int ExtendedLength => NumChunks * ChunkLength;

    /// <summary>ChunkLength = BlobLength·codingRate/NumChunks, at least 1 (upstream core/data.go GetChunkLength).</summary>
    public static EncodingParams For(int blobLength, int numChunks = DefaultNumChunks, int codingRate = DefaultCodingRate)
    {
        if (blobLength < 1 || !BitOperations.IsPow2(blobLength))
        {
            throw new EncodingException(EncodingError.BadBlobLength, $"blob length {blobLength} is not a power of two");
        }
        if (numChunks < 1 || !BitOperations.IsPow2(numChunks) || codingRate < 1 || !BitOperations.IsPow2(codingRate))
        {
            throw new EncodingException(EncodingError.BadParameters, "chunk count and coding rate are powers of two");
        }
        long l = (long)blobLength * codingRate / numChunks;
        return new EncodingParams(numChunks, (int)Math.Max(1, l));
    }

    /// <summary>Chunks any reconstruction needs: ⌈BlobLength / ChunkLength⌉ distinct ones.</summary>
    public int ChunksToReconstruct(int blobLength) => (blobLength + ChunkLength - 1) / ChunkLength;

    internal void Validate(int blobLength)
    {
        if (NumChunks < 1 || ChunkLength < 1 || !BitOperations.IsPow2(NumChunks) || !BitOperations.IsPow2(ChunkLength))
        {
            throw new EncodingException(EncodingError.BadParameters, "chunk count and chunk length are powers of two");
        }
        if ((long)NumChunks * ChunkLength < blobLength || ChunkLength > blobLength || (long)NumChunks * ChunkLength > 1 << Fr.TwoAdicity)
        {
            throw new EncodingException(EncodingError.BadParameters, $"{NumChunks} chunks of {ChunkLength} cannot extend a blob of {blobLength} symbols");
        }
    }

    /// <summary>The shift h_j of chunk j's coset: ω_N^rev(j), N the extended length, rev the bit reversal over log2(NumChunks) bits.</summary>
    public Fr CosetShift(int index) =>
        Fr.RootOfUnity(BitOperations.Log2((uint)ExtendedLength)).Pow((ulong)FftDomain.ReverseIndex(index, BitOperations.Log2((uint)NumChunks)));

    /// <summary>h_j^−1 = ω_N^−rev(j), without a field inversion.</summary>
    public Fr CosetShiftInverse(int index) =>
        FftDomain.Of(ExtendedLength).GeneratorInverse.Pow((ulong)FftDomain.ReverseIndex(index, BitOperations.Log2((uint)NumChunks)));
}

/// <summary>
/// One chunk (frame): the blob polynomial's evaluations on coset j, in upstream's order (the extended evaluations
/// bit-reversed, then cut into consecutive runs), and the coset's KZG multiproof.
/// </summary>
public sealed record Chunk(int Index, Fr[] Evaluations, Affine<Fp> Proof);

/// <summary>A blob's commitment [p(τ)]₁ and its length in symbols.</summary>
public readonly record struct BlobCommitment(Affine<Fp> Commitment, int Length);

/// <summary>
/// The encoder (disperser side) and chunk verifier (operator side): Reed-Solomon extension of the blob polynomial by an
/// FFT, chunks as cosets, FK20 multiproofs, and the per-chunk pairing check.
/// </summary>
public sealed class BlobEncoder(Srs srs)
{
    private readonly Fk20Prover _prover = new(srs);

    public Srs Srs { get; } = srs;

    public BlobCommitment Commit(ReadOnlySpan<Fr> blob)
    {
        CheckBlob(blob.Length);
        return new BlobCommitment(Kzg.Commit(Srs, blob), blob.Length);
    }

    /// <summary>RS extension: the blob's coefficients zero-padded to NumChunks·ChunkLength, then one forward FFT.</summary>
    public static Fr[] Extend(ReadOnlySpan<Fr> blob, EncodingParams p)
    {
        p.Validate(blob.Length);
        var evals = new Fr[p.ExtendedLength];
        blob.CopyTo(evals);
        FftDomain.Of(p.ExtendedLength).Forward(evals);
        return evals;
    }

    /// <summary>Evaluations of every chunk (no proofs): the extended codeword bit-reversed and cut into runs.</summary>
    public static Fr[][] ChunkEvaluations(ReadOnlySpan<Fr> blob, EncodingParams p)
    {
        var evals = Extend(blob, p);
        FftDomain.BitReverse<Fr>(evals);
        var chunks = new Fr[p.NumChunks][];
        for (int j = 0; j < p.NumChunks; j++)
        {
            chunks[j] = evals.AsSpan(j * p.ChunkLength, p.ChunkLength).ToArray();
        }
        return chunks;
    }

    /// <summary>All chunks with FK20 proofs.</summary>
    public Chunk[] Encode(ReadOnlySpan<Fr> blob, EncodingParams p)
    {
        CheckBlob(blob.Length);
        var evals = ChunkEvaluations(blob, p);
        var proofs = _prover.Prove(blob, p.ChunkLength, p.NumChunks);
        int log2m = BitOperations.Log2((uint)p.NumChunks);
        var chunks = new Chunk[p.NumChunks];
        for (int j = 0; j < p.NumChunks; j++)
        {
            // Chunk j's coset has x^l = ω_m^rev(j): the rev(j)-th output of the prover's FFT.
            chunks[j] = new Chunk(j, evals[j], proofs[FftDomain.ReverseIndex(j, log2m)]);
        }
        return chunks;
    }

    /// <summary>Proofs only (FK20), in chunk order: the cost the benchmarks call "chunk proofs".</summary>
    public Affine<Fp>[] ProveChunks(ReadOnlySpan<Fr> blob, EncodingParams p)
    {
        CheckBlob(blob.Length);
        p.Validate(blob.Length);
        var proofs = _prover.Prove(blob, p.ChunkLength, p.NumChunks);
        int log2m = BitOperations.Log2((uint)p.NumChunks);
        var ordered = new Affine<Fp>[p.NumChunks];
        for (int j = 0; j < p.NumChunks; j++)
        {
            ordered[j] = proofs[FftDomain.ReverseIndex(j, log2m)];
        }
        return ordered;
    }

    /// <summary>True when the chunk's evaluations lie on the committed polynomial (one two-pair pairing check).</summary>
    public bool Verify(BlobCommitment commitment, EncodingParams p, Chunk chunk)
    {
        p.Validate(commitment.Length);
        if (chunk.Index < 0 || chunk.Index >= p.NumChunks || chunk.Evaluations.Length != p.ChunkLength)
        {
            return false;
        }
        var shift = p.CosetShift(chunk.Index);
        return Kzg.VerifyCoset(Srs, commitment.Commitment, shift, Interpolate(chunk.Evaluations, shift, p.CosetShiftInverse(chunk.Index)), chunk.Proof);
    }

    /// <summary>
    /// All chunks at once (a random linear combination of their coset checks, as upstream's universal verification
    /// batches them): with z_j = h_j^l and powers r^j of a challenge r hashed from the commitment and every chunk,
    /// e(Σ r^j·(C − [I_j(τ)]₁ + z_j·π_j), G₂) = e(Σ r^j·π_j, [τ^l]₂), because [τ^l − z_j]₂ splits linearly. One MSM of l
    /// points over the combined interpolants, two of k points, and one two-pair pairing check instead of k; a false
    /// chunk passes only with probability about k/r. False for any malformed chunk (wrong index range or length).
    /// </summary>
    public bool VerifyBatch(BlobCommitment commitment, EncodingParams p, IReadOnlyList<Chunk> chunks)
    {
        p.Validate(commitment.Length);
        if (chunks.Count == 0)
        {
            return true;
        }
        if (chunks.Any(c => c.Index < 0 || c.Index >= p.NumChunks || c.Evaluations.Length != p.ChunkLength))
        {
            return false;
        }
        int l = p.ChunkLength;
        var r = Challenge(commitment, chunks);
        var interpolants = new Fr[chunks.Count][];
        Parallel.For(0, chunks.Count, j => interpolants[j] = Interpolate(chunks[j].Evaluations, p.CosetShift(chunks[j].Index), p.CosetShiftInverse(chunks[j].Index)));
        var combined = new Fr[l];
        var weights = new Fr[chunks.Count];
        var zWeights = new Fr[chunks.Count];
        var proofs = new Affine<Fp>[chunks.Count];
        var rj = Fr.One;
        var rSum = Fr.Zero;
        for (int j = 0; j < chunks.Count; j++)
        {
            rj *= r;
            rSum += rj;
            for (int s = 0; s < l; s++)
            {
                combined[s] += rj * interpolants[j][s];
            }
            weights[j] = rj;
            zWeights[j] = rj * p.CosetShift(chunks[j].Index).Pow((ulong)l);
            proofs[j] = chunks[j].Proof;
        }
        var lhs = commitment.Commitment.ToJacobian().Multiply(rSum) - Msm.Compute(Srs.G1[..l], combined) + Msm.Compute<Fp>(proofs, zWeights);
        var rhs = Msm.Compute<Fp>(proofs, weights);
        return Pairing.Check([lhs.ToAffine(), rhs.ToAffine().Negate()], [G2.Generator, Srs.G2Power(l)]);
    }

    /// <summary>The batch's challenge: keccak256 of the commitment, its length and every chunk's bytes, reduced mod r (Fiat–Shamir).</summary>
    private static Fr Challenge(BlobCommitment commitment, IReadOnlyList<Chunk> chunks)
    {
        using var buffer = new MemoryStream();
        buffer.Write(G1.ToBytes(commitment.Commitment));
        Span<byte> word = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(word, commitment.Length);
        buffer.Write(word);
        foreach (var c in chunks)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(word, c.Index);
            buffer.Write(word);
            foreach (var e in c.Evaluations)
            {
                buffer.Write(e.ToBigEndian());
            }
            buffer.Write(G1.ToBytes(c.Proof));
        }
        var r = Fr.FromBigEndianReduced(Restake.Protocol.Rewards.Keccak.Hash(buffer.ToArray()));
        return r.IsZero ? Fr.One : r;
    }

    /// <summary>Like <see cref="Verify"/> but raises the named error.</summary>
    public void VerifyOrThrow(BlobCommitment commitment, EncodingParams p, Chunk chunk)
    {
        if (chunk.Index < 0 || chunk.Index >= p.NumChunks || chunk.Evaluations.Length != p.ChunkLength)
        {
            throw new EncodingException(EncodingError.BadChunk, $"chunk {chunk.Index}: expected an index below {p.NumChunks} and {p.ChunkLength} symbols");
        }
        if (!Verify(commitment, p, chunk))
        {
            throw new EncodingException(EncodingError.InvalidChunkProof, $"chunk {chunk.Index} does not verify against the blob commitment");
        }
    }

    /// <summary>Coefficients of the coset interpolant: undo the bit reversal, then an inverse FFT on the coset.</summary>
    internal static Fr[] Interpolate(ReadOnlySpan<Fr> chunkEvaluations, Fr shift, Fr shiftInverse)
    {
        var v = chunkEvaluations.ToArray();
        FftDomain.BitReverse<Fr>(v);
        FftDomain.Of(v.Length).InverseOnCoset(v, shift, shiftInverse);
        return v;
    }

    /// <summary>The interpolant of chunk j's evaluations (upstream's frame coefficients).</summary>
    public static Fr[] FrameCoefficients(EncodingParams p, int index, ReadOnlySpan<Fr> chunkEvaluations) =>
        Interpolate(chunkEvaluations, p.CosetShift(index), p.CosetShiftInverse(index));

    private void CheckBlob(int length)
    {
        if (length < 1 || !BitOperations.IsPow2(length))
        {
            throw new EncodingException(EncodingError.BadBlobLength, $"blob length {length} is not a power of two");
        }
        if (length > Srs.G1Count)
        {
            throw new EncodingException(EncodingError.BadParameters, $"the SRS holds {Srs.G1Count} G1 points; a {length}-symbol blob needs {length}");
        }
    }
}
