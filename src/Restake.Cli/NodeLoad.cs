using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Restake.Node.Client;
using Restake.Node.Signing;

namespace Restake.Cli;

/// <summary>Latencies of one phase of requests, and how long the phase took.</summary>
internal sealed record Measured(int Ok, int Failed, double Seconds, long[] LatencyTicks, string? FirstFailure)
{
    public double PerSecond => Ok / Seconds;

    public double Percentile(double p) => LatencyTicks.Length == 0 ? 0 : Ms(LatencyTicks[Math.Min(LatencyTicks.Length - 1, (int)Math.Ceiling(p * LatencyTicks.Length) - 1)]);

    public double MaxMs => LatencyTicks.Length == 0 ? 0 : Ms(LatencyTicks[^1]);

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 2);
}

/// <summary>
/// Drives a node over real HTTP: signed transactions pre-signed in each account's nonce order, sent by
/// clients that each own some accounts and have one request in flight; then readers of state sections.
/// </summary>
internal sealed class NodeLoad(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly string[] Strategies = ["stETH", "rETH", "cbETH"];

    /// <summary>
    /// Every staker's transactions, nonce 0 a deposit, nonce 1 a delegation to one of the operators,
    /// then deposits; grouped into one queue per client, each account's nonces in order.
    /// </summary>
    public static List<byte[]>[] PreSign(IReadOnlyList<DevAccount> stakers, IReadOnlyList<string> operators, int perAccount, int clients, long chainId)
    {
        var signed = new byte[stakers.Count][][];
        Parallel.For(0, stakers.Count, i =>
        {
            var from = EthAddress.Normalize(stakers[i].Address);
            signed[i] = new byte[perAccount][];
            for (var nonce = 0; nonce < perAccount; nonce++)
            {
                var body = nonce == 1
                    ? new JsonObject { ["operator"] = operators[i % operators.Count] }
                    : new JsonObject { ["strategy"] = Strategies[(i + nonce) % Strategies.Length], ["amount"] = "0.001" };
                var payload = new TransactionPayload(chainId, from, (ulong)nonce, nonce == 1 ? "delegate" : "deposit", body.ToJsonString());
                var tx = NodeClient.Transaction(payload, TransactionSigning.Sign(payload, stakers[i].PrivateKey));
                signed[i][nonce] = Encoding.UTF8.GetBytes(tx.ToJsonString());
            }
        });
        var queues = Enumerable.Range(0, clients).Select(_ => new List<byte[]>()).ToArray();
        for (var nonce = 0; nonce < perAccount; nonce++)
        {
            for (var i = 0; i < stakers.Count; i++)
            {
                queues[i % clients].Add(signed[i][nonce]);
            }
        }
        return queues;
    }

    /// <summary>Each client sends items [from, to) of its queue, one at a time.</summary>
    public async Task<Measured> SendAsync(List<byte[]>[] queues, double from, double to)
    {
        return await Phase(queues.Length, async (client, record) =>
        {
            var queue = queues[client];
            var (first, last) = ((int)(queue.Count * from), (int)(queue.Count * to));
            for (var i = first; i < last; i++)
            {
                using var content = new ByteArrayContent(queue[i]);
                content.Headers.ContentType = Json;
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/transactions", content).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (!record(start, response.IsSuccessStatusCode, text))
                {
                    return;
                }
            }
        }, TimeSpan.MaxValue).ConfigureAwait(false);
    }

    /// <summary><paramref name="readers"/> clients GET paths from <paramref name="path"/> for a while.</summary>
    public async Task<Measured> ReadAsync(int readers, TimeSpan duration, Func<Random, string> path)
    {
        return await Phase(readers, async (reader, record) =>
        {
            var random = new Random(reader);
            do
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path(random)).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!record(start, response.IsSuccessStatusCode, response.IsSuccessStatusCode ? "" : Encoding.UTF8.GetString(bytes)))
                {
                    return;
                }
            }
            while (true);
        }, duration).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="workers"/> loops; each reports every request to a recorder that answers
    /// whether to go on (false after a failure or once <paramref name="duration"/> is over).
    /// </summary>
    private static async Task<Measured> Phase(int workers, Func<int, Func<long, bool, string, bool>, Task> work, TimeSpan duration)
    {
        var latencies = new List<long>[workers];
        var failed = 0;
        string? firstFailure = null;
        var began = Stopwatch.GetTimestamp();
        var end = duration == TimeSpan.MaxValue ? long.MaxValue : began + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
        {
            latencies[w] = [];
            return work(w, (start, ok, text) =>
            {
                var now = Stopwatch.GetTimestamp();
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, text, null);
                    return false;
                }
                latencies[w].Add(now - start);
                return now < end;
            });
        }))).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Measured(all.Length, failed, seconds, all, firstFailure);
    }
}
