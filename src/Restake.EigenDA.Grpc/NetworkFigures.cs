using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Restake.EigenDA.Chain;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Grpc;

/// <summary>
/// Disperse-plus-attest latency on the devnet with N operator processes: payment check, payload → blob, commitment,
/// FK20 chunk proofs, StoreChunks to every node over gRPC (each verifies its chunks and signs), signature checks,
/// aggregation and the certificate check; then retrieval. One JSON line per (operators, blob size); each figure is the
/// median of the runs after one warm-up dispersal (which also builds the FK20 tables for the size).
/// </summary>
public static class NetworkFigures
{
    public static async IAsyncEnumerable<string> MeasureAsync(IReadOnlyList<int> operatorCounts, IReadOnlyList<int> payloadBytes, int runs, IReadOnlyList<string> restake)
    {
        yield return VerificationFigure(payloadBytes.Max(), runs);
        foreach (var n in operatorCounts)
        {
            var watch = Stopwatch.StartNew();
            using var session = await DevnetSession.StartAsync(n, restake).ConfigureAwait(false);
            var startup = watch.Elapsed.TotalSeconds;
            var chain = session.Chain;
            chain.Avs.DepositOnDemand(DevnetChain.Rollup, BigInteger.Pow(10, 18));
            var pay = new PaymentHeader(DevnetChain.Rollup, chain.Engine.State.Time, 1);
            foreach (var bytes in payloadBytes)
            {
                var payload = new byte[bytes];
                new Random(bytes).NextBytes(payload);
                var warm = session.Disperse(payload, pay);
                var disperse = new List<double>();
                var retrieve = new List<double>();
                DevnetSession.Dispersal last = warm;
                for (int r = 0; r < runs; r++)
                {
                    watch.Restart();
                    last = session.Disperse(payload, pay);
                    disperse.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    session.Retrieve(last.Certificate);
                    retrieve.Add(watch.Elapsed.TotalMilliseconds);
                }
                yield return JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["figure"] = "eigenda_network",
                    ["operators"] = n,
                    ["payload_bytes"] = bytes,
                    ["blob_symbols"] = last.Certificate.Blob.Commitment.Length,
                    ["num_chunks"] = session.Parameters.NumChunks,
                    ["signers"] = last.Certificate.Signers.Count,
                    ["disperse_attest_ms"] = Math.Round(Median(disperse), 1),
                    ["retrieve_ms"] = Math.Round(Median(retrieve), 1),
                    ["runs"] = runs,
                    ["startup_s"] = Math.Round(startup, 2),
                    ["cores"] = Environment.ProcessorCount,
                });
            }
        }
    }

    /// <summary>An operator's share of chunks (8 of 64, the cap) checked one by one and batched, in the same run.</summary>
    private static string VerificationFigure(int payloadBytes, int runs)
    {
        var encoder = new Encoding.BlobEncoder(Devnet.DisperserSrs());
        var payload = new byte[payloadBytes];
        new Random(1).NextBytes(payload);
        var blob = Encoding.PayloadCodec.ToBlob(payload);
        var p = Encoding.EncodingParams.For(blob.Length, Devnet.Params.NumChunks, Devnet.Params.CodingRate);
        var commitment = encoder.Commit(blob);
        var chunks = encoder.Encode(blob, p)[..Devnet.Params.ChunksForOneBlob];
        var each = new List<double>();
        var batch = new List<double>();
        var watch = new Stopwatch();
        for (int r = 0; r <= runs; r++)
        {
            watch.Restart();
            var ok = chunks.All(c => encoder.Verify(commitment, p, c));
            var t1 = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            ok &= encoder.VerifyBatch(commitment, p, chunks);
            var t2 = watch.Elapsed.TotalMilliseconds;
            if (!ok)
            {
                throw new InvalidOperationException("the benchmark's chunks do not verify");
            }
            if (r > 0)
            {
                each.Add(t1);
                batch.Add(t2);
            }
        }
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["figure"] = "eigenda_chunk_verification",
            ["blob_symbols"] = blob.Length,
            ["chunks"] = chunks.Length,
            ["chunk_symbols"] = p.ChunkLength,
            ["verify_each_ms"] = Math.Round(Median(each), 1),
            ["verify_batch_ms"] = Math.Round(Median(batch), 1),
            ["runs"] = runs,
        });
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>"4,8,16" → counts, each within the devnet's range.</summary>
    public static List<int> ParseCounts(string text)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new DaException(DaError.BadOperatorSet, $"'{part}' is not an operator count");
            }
            DevnetSession.CheckOperatorCount(n);
            list.Add(n);
        }
        return list.Count > 0 ? list : throw new DaException(DaError.BadOperatorSet, "name at least one operator count");
    }
}
