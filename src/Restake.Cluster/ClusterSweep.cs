using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Restake.Scenarios.Sweep;

namespace Restake.Cluster;

/// <summary>
/// A sweep on a cluster: one grain call per run (grain key = run index), at most <c>inFlight</c> at a time,
/// results streamed back in the order they finish. The table, sorted by (run, step), is the one the local
/// parallel sweep gives for the same file.
/// </summary>
public static class ClusterSweep
{
    /// <summary>Runs 0..runs−1, yielded as each finishes.</summary>
    public static async IAsyncEnumerable<RunResult> Stream(IGrainFactory grains, string sweepFile, int runs, int inFlight = 64, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var pending = new HashSet<Task<RunResult>>();
        var next = 0;
        while (next < runs || pending.Count > 0)
        {
            while (next < runs && pending.Count < Math.Max(1, inFlight))
            {
                pending.Add(grains.GetGrain<ISweepRunGrain>(next++).Run(sweepFile));
            }
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            cancel.ThrowIfCancellationRequested();
            yield return await done.ConfigureAwait(false);
        }
    }

    /// <summary>The whole sweep: rows in (run, step) order and how many runs each silo ran.</summary>
    public static async Task<(IReadOnlyList<SweepRow> Rows, IReadOnlyDictionary<string, int> RunsPerSilo)> RunAsync(
        IGrainFactory grains, string sweepFile, int runs, Action<int>? progress = null, CancellationToken cancel = default)
    {
        var d = ScenarioSweep.Read(sweepFile);
        var rows = new List<SweepRow>();
        var perSilo = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        await foreach (var result in Stream(grains, sweepFile, runs, cancel: cancel).ConfigureAwait(false))
        {
            rows.AddRange(result.Rows.Select(w => ToRow(d, result.Run, w)));
            perSilo[result.Silo] = perSilo.GetValueOrDefault(result.Silo) + 1;
            progress?.Invoke(++done);
        }
        return ([.. rows.OrderBy(r => r.Run).ThenBy(r => r.Step)], perSilo);
    }

    private static SweepRow ToRow(SweepDefinition d, int run, WireRow w) =>
        new(run, w.Step,
            d.Vary.Select((p, i) => (p.Name, Value: w.Parameters[i])).ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal),
            [.. w.Values.Select(v => v is null ? (BigInteger?)null : BigInteger.Parse(v, CultureInfo.InvariantCulture))],
            w.Failure);
}
