using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Restake.EigenDA.Crypto;

namespace Restake.EigenDA.Encoding;

/// <summary>
/// The encoder's cost per blob size, laid out like the rows of EigenDA's committed CPU benchmarks
/// (encoding/v2/bench/results): payload → blob (encode + IFFT), commitment (G1 MSM), RS extension (8x),
/// frames (extension + per-chunk interpolation), FK20 chunk proofs. One JSON line per blob size; each time is the best of
/// a few runs (noise on a shared machine only adds time). The SRS is the INSECURE local one (setup time reported).
/// </summary>
public static class EncodingFigures
{
    public static IEnumerable<string> Measure(IReadOnlyList<int> blobBytes, int proofsUpToBytes, int repeats = 3)
    {
        int maxSymbols = blobBytes.Max() / PayloadCodec.SymbolBytes;
        var watch = Stopwatch.StartNew();
        var srs = Srs.CreateInsecure(Fr.FromUInt64(0xDEAD_BEEF_CAFE), maxSymbols);
        double srsMs = watch.Elapsed.TotalMilliseconds;
        var encoder = new BlobEncoder(srs);
        var prover = new Fk20Prover(srs);
        foreach (int bytes in blobBytes)
        {
            int n = bytes / PayloadCodec.SymbolBytes;
            var payload = new byte[PayloadCodec.BytesPerSymbol * (n - 1)];
            new Random(n).NextBytes(payload);
            var p = EncodingParams.For(n);
            Fr[] blob = [];
            double toBlob = Best(repeats, () => blob = PayloadCodec.ToBlob(payload, PayloadForm.Evaluations));
            double commit = Best(repeats, () => encoder.Commit(blob));
            double extend = Best(repeats, () => BlobEncoder.Extend(blob, p));
            double frames = Best(repeats, () =>
            {
                var chunks = BlobEncoder.ChunkEvaluations(blob, p);
                Parallel.For(0, chunks.Length, j => BlobEncoder.FrameCoefficients(p, j, chunks[j]));
            });
            double? table = null, proofs = null;
            if (bytes <= proofsUpToBytes)
            {
                table = Best(1, () => prover.Precompute(n, p.ChunkLength));
                proofs = Best(Math.Min(repeats, 2), () => prover.Prove(blob, p.ChunkLength, p.NumChunks));
            }
            double mib = bytes / (1024.0 * 1024.0);
            yield return JsonSerializer.Serialize(new
            {
                figure = "eigenda_encoding",
                blob_bytes = bytes,
                symbols = n,
                num_chunks = p.NumChunks,
                chunk_length = p.ChunkLength,
                cores = Environment.ProcessorCount,
                payload_to_blob_ms = Round(toBlob),
                commitment_g1_ms = Round(commit),
                rs_extend_ms = Round(extend),
                frames_ms = Round(frames),
                fk20_table_ms = table is null ? (double?)null : Round(table.Value),
                fk20_proofs_ms = proofs is null ? (double?)null : Round(proofs.Value),
                rs_extend_mib_per_s = Round(mib / (extend / 1000)),
                commitment_mib_per_s = Round(mib / (commit / 1000)),
                proofs_mib_per_s = proofs is null ? (double?)null : Round(mib / (proofs.Value / 1000)),
                insecure_srs_points = srs.G1Count,
                insecure_srs_setup_ms = Round(srsMs),
            });
        }
    }

    public static int ParseSize(string text)
    {
        var s = text.Trim().ToUpperInvariant();
        int mult = s.EndsWith("KIB", StringComparison.Ordinal) ? 1024 : s.EndsWith("MIB", StringComparison.Ordinal) ? 1024 * 1024 : 1;
        var digits = mult == 1 ? s : s[..^3];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
        {
            throw new EncodingException(EncodingError.BadBlobLength, $"'{text}' is not a size like 128KiB or 2MiB");
        }
        long bytes = (long)v * mult;
        if (bytes < 64 || bytes > PayloadCodec.MaxBlobSymbols * (long)PayloadCodec.SymbolBytes || !System.Numerics.BitOperations.IsPow2(bytes))
        {
            throw new EncodingException(EncodingError.BadBlobLength, $"a blob size is a power of two between 64 B and 16 MiB, not {text}");
        }
        return (int)bytes;
    }

    private static double Best(int repeats, Action run)
    {
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var w = Stopwatch.StartNew();
            run();
            best = Math.Min(best, w.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    private static double Round(double v) => Math.Round(v, v < 1 ? 4 : 2);
}
