using BenchmarkDotNet.Attributes;
using Restake.EigenDA.Crypto;
using Restake.EigenDA.Encoding;

namespace Restake.Bench;

/// <summary>
/// EigenDA encoder rows at upstream's blob sizes (reference §2.2): RS extension (8x), commitment (G1 MSM), frames
/// (extension + per-chunk interpolation). INSECURE local SRS. Compare per core: upstream's rows ran on 4 vCPUs / 12 cores.
/// </summary>
[MemoryDiagnoser]
public class EigenDaEncodingBenchmarks
{
    private Fr[] _blob = [];
    private byte[] _payload = [];
    private BlobEncoder _encoder = null!;
    private EncodingParams _params;

    [Params(128 * 1024, 1024 * 1024, 2 * 1024 * 1024)]
    public int BlobBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int n = BlobBytes / 32;
        _payload = new byte[31 * (n - 1)];
        new Random(n).NextBytes(_payload);
        _blob = PayloadCodec.ToBlob(_payload);
        _params = EncodingParams.For(n);
        _encoder = new BlobEncoder(Srs.CreateInsecure(Fr.FromUInt64(0xDEAD_BEEF_CAFE), n));
    }

    [Benchmark]
    public Fr[] PayloadToBlobWithIfft() => PayloadCodec.ToBlob(_payload, PayloadForm.Evaluations);

    [Benchmark]
    public Fr[] RsExtend() => BlobEncoder.Extend(_blob, _params);

    [Benchmark]
    public BlobCommitment Commit() => _encoder.Commit(_blob);

    [Benchmark]
    public Fr[][] Frames()
    {
        var chunks = BlobEncoder.ChunkEvaluations(_blob, _params);
        var frames = new Fr[chunks.Length][];
        Parallel.For(0, chunks.Length, j => frames[j] = BlobEncoder.FrameCoefficients(_params, j, chunks[j]));
        return frames;
    }
}

/// <summary>FK20 chunk proofs for a 128 KiB blob (8192 chunks of 4 symbols), SRS tables built in setup as upstream caches them.</summary>
public class EigenDaProofBenchmarks
{
    private Fr[] _blob = [];
    private Fk20Prover _prover = null!;
    private EncodingParams _params;

    [GlobalSetup]
    public void Setup()
    {
        int n = 4096;
        var payload = new byte[31 * (n - 1)];
        new Random(n).NextBytes(payload);
        _blob = PayloadCodec.ToBlob(payload);
        _params = EncodingParams.For(n);
        _prover = new Fk20Prover(Srs.CreateInsecure(Fr.FromUInt64(0xDEAD_BEEF_CAFE), n));
        _prover.Precompute(n, _params.ChunkLength);
    }

    [Benchmark]
    public Affine<Fp>[] ChunkProofs128KiB() => _prover.Prove(_blob, _params.ChunkLength, _params.NumChunks);
}

/// <summary>Operator-side primitives: one pairing, a BLS aggregate check (two Miller loops, one final exponentiation).</summary>
public class EigenDaCryptoBenchmarks
{
    private readonly byte[] _message = new byte[32];
    private Affine<Fp> _apk, _sigma;
    private Affine<Fp2> _apkG2;

    [GlobalSetup]
    public void Setup()
    {
        _message[0] = 7;
        var keys = Enumerable.Range(1, 8).Select(i => new BlsKeyPair(Fr.FromUInt64((ulong)i * 1_000_003))).ToArray();
        _apk = Bls.AggregateG1(keys.Select(k => k.PublicKeyG1).ToArray());
        _apkG2 = Bls.AggregateG2(keys.Select(k => k.PublicKeyG2).ToArray());
        _sigma = Bls.AggregateG1(keys.Select(k => k.Sign(_message)).ToArray());
    }

    [Benchmark]
    public Fp12 Pairing() => Restake.EigenDA.Crypto.Pairing.Pair(G1.Generator, G2.Generator);

    [Benchmark]
    public bool BlsAggregateVerify() => Bls.VerifyAggregate(_apk, _apkG2, _sigma, _message);
}

/// <summary>The commitment MSM alone at the blob sizes' point counts: Jacobian buckets against batch-affine buckets.</summary>
public class EigenDaMsmBenchmarks
{
    private Affine<Fp>[] _bases = [];
    private Fr[] _scalars = [];

    [Params(4096, 32768, 65536)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bases = Srs.CreateInsecure(Fr.FromUInt64(0xDEAD_BEEF_CAFE), Points).G1.ToArray();
        var rng = new Random(Points);
        var b = new byte[32];
        _scalars = Enumerable.Range(0, Points).Select(_ =>
        {
            rng.NextBytes(b);
            return Fr.FromBigEndianReduced(b);
        }).ToArray();
    }

    [Benchmark(Baseline = true)]
    public Jacobian<Fp> JacobianBuckets() => Msm.ComputeJacobian<Fp>(_bases, _scalars);

    [Benchmark]
    public Jacobian<Fp> BatchAffineBuckets() => Msm.ComputeBatchAffine<Fp>(_bases, _scalars);
}
