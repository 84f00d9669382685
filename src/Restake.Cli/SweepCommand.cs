using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Restake.Cluster;
using Restake.Plots;
using Restake.Scenarios;
using Restake.Scenarios.Sweep;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake sweep FILE`: a Monte Carlo sweep of a scenario file on all cores; a summary per measure, the long table as CSV, distribution charts.</summary>
internal static class SweepCommand
{
    public static int Execute(string file, int? runs, int cores, string outDir, bool speedup, string? cluster = null)
    {
        if (cores < 1 || runs is < 1 or > 1_000_000)
        {
            Console.Error.WriteLine("restake sweep: --cores is at least 1 and --runs between 1 and 1,000,000");
            return 2;
        }
        if (!InputFile.TryRead("restake sweep", file, ScenarioSweep.Read, out var d))
        {
            return 2;
        }
        var n = runs ?? d.Runs;
        ClusterAddress? address = null;
        if (cluster is not null)
        {
            try
            {
                address = ClusterAddress.Parse(cluster);
            }
            catch (ClusterAddressException e)
            {
                Console.Error.WriteLine($"restake sweep: {e.Message}");
                return 2;
            }
            if (speedup)
            {
                Console.Error.WriteLine("restake sweep: --speedup compares cores on this machine; leave out --cluster");
                return 2;
            }
        }
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SweepRow> rows;
        string where;
        TimeSpan? wallOverride = null;
        if (address is null)
        {
            rows = WithProgress(n, progress => ScenarioSweep.Run(d, n, cores, progress));
            where = $"{cores} core(s)";
        }
        else
        {
            try
            {
                (rows, var perSilo, var took) = RunOnCluster(address, File.ReadAllText(file), n).GetAwaiter().GetResult();
                where = $"an Orleans cluster of {perSilo.Count} silo(s): {string.Join(", ", perSilo.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} runs on {kv.Key}"))}";
                wallOverride = took;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"restake sweep: the cluster ({cluster}) failed: {e.GetBaseException().Message}");
                return 1;
            }
        }
        var wall = wallOverride ?? clock.Elapsed;
        var final = rows.GroupBy(r => r.Run).Select(g => g.Last()).ToList();
        var failed = final.Count(r => r.Failure is not null);

        AnsiConsole.MarkupLine($"[bold]{n:N0} runs[/] of {Markup.Escape(file)} on {Markup.Escape(where)} in {wall.TotalSeconds:0.00} s; {failed} run(s) stopped at a failing step (their rows say why).");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("measure (at the end)", "mean", "p1", "p50", "p99", "min", "max");
        for (var m = 0; m < d.Measures.Count; m++)
        {
            var values = final.Select(r => r.Values[m]).Where(v => v is not null).Select(v => (double)v!.Value / 1e18).Order().ToList();
            if (values.Count == 0)
            {
                table.AddRow(d.Measures[m].Name, "absent", "", "", "", "", "");
                continue;
            }
            table.AddRow(d.Measures[m].Name, F(values.Average()), F(Q(values, 0.01)), F(Q(values, 0.5)), F(Q(values, 0.99)), F(values[0]), F(values[^1]));
        }
        AnsiConsole.Write(table);

        Directory.CreateDirectory(outDir);
        var csv = Path.Combine(outDir, "sweep.csv");
        File.WriteAllText(csv, ScenarioSweep.Csv(d, rows));
        var written = new List<string> { csv };
        for (var m = 0; m < d.Measures.Count; m++)
        {
            var values = final.Select(r => r.Values[m]).Where(v => v is not null).Select(v => (double)v!.Value / 1e18).Order().ToList();
            if (values.Count > 0)
            {
                var share = Enumerable.Range(0, values.Count).Select(i => 100.0 * (i + 1) / values.Count).ToList();
                written.AddRange(Chart.Lines(outDir, "sweep-" + d.Measures[m].Name, $"{d.Measures[m].Name} at the end of each run (distribution)", d.Measures[m].Name, "runs at or below (%)",
                    [new Series("cumulative share of runs", values, share)]));
            }
        }
        // Tail risk: a run's loss is a measure's value at the first measured step minus its value at the end.
        var tail = new Table().Border(TableBorder.Rounded).AddColumns("loss (first measured − end)", "runs", "VaR 95 %", "ES 95 %", "VaR 99 %", "ES 99 %");
        for (var m = 0; m < d.Measures.Count; m++)
        {
            var losses = SweepTail.Losses(rows, m);
            if (losses.Count == 0)
            {
                continue;
            }
            var t = SweepTail.Of(losses);
            tail.AddRow(d.Measures[m].Name, t.Runs.ToString("N0", CultureInfo.InvariantCulture), F(E(t.VaR95)), F(E(t.ES95)), F(E(t.VaR99)), F(E(t.ES99)));
            written.AddRange(Chart.Histogram(outDir, "sweep-loss-" + d.Measures[m].Name, $"{d.Measures[m].Name}: loss per run (first measured step − end)", "loss (÷1e18)",
                [.. losses.Select(E)], markers: [("VaR 95 %", E(t.VaR95)), ("ES 95 %", E(t.ES95)), ("VaR 99 %", E(t.VaR99)), ("ES 99 %", E(t.ES99))]));
        }
        AnsiConsole.Write(tail);
        AnsiConsole.MarkupLine($"Written: {Markup.Escape(string.Join(", ", written))}");

        if (speedup)
        {
            clock.Restart();
            var single = ScenarioSweep.Run(d, n, 1);
            var one = clock.Elapsed;
            var same = ScenarioSweep.Csv(d, single) == ScenarioSweep.Csv(d, rows);
            AnsiConsole.MarkupLine($"One core: {one.TotalSeconds:0.00} s; {cores} cores: {wall.TotalSeconds:0.00} s; speedup {one.TotalSeconds / wall.TotalSeconds:0.00}×; tables {(same ? "identical" : "[red]differ[/]")}.");
            if (!same)
            {
                return 1;
            }
        }
        return 0;
    }

    // Local silos (started here, the sweep timed once they are up) or silos joined through PostgreSQL.
    private static async Task<(IReadOnlyList<SweepRow> Rows, IReadOnlyDictionary<string, int> PerSilo, TimeSpan Took)> RunOnCluster(ClusterAddress address, string text, int n)
    {
        await using var cluster = address.PostgresConnection is { } pg
            ? await SweepCluster.ConnectAsync(pg).ConfigureAwait(false)
            : await SweepCluster.StartLocalAsync(address.LocalSilos).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var (rows, perSilo) = await WithProgressAsync(n, progress => ClusterSweep.RunAsync(cluster.Client, text, n, progress)).ConfigureAwait(false);
        return (rows, perSilo, clock.Elapsed);
    }

    private static double E(BigInteger wei) => (double)wei / 1e18;

    // A progress bar on a terminal; plain runs when the output is redirected (logs, CI).
    private static T WithProgress<T>(int total, Func<Action<int>, T> work)
    {
        if (Console.IsOutputRedirected)
        {
            return work(_ => { });
        }
        T result = default!;
        AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("runs", maxValue: total);
            result = work(done => task.Value = Math.Max(task.Value, done));
        });
        return result;
    }

    private static async Task<T> WithProgressAsync<T>(int total, Func<Action<int>, Task<T>> work)
    {
        if (Console.IsOutputRedirected)
        {
            return await work(_ => { }).ConfigureAwait(false);
        }
        T result = default!;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask("runs on the cluster", maxValue: total);
            result = await work(done => task.Value = done).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    private static double Q(IReadOnlyList<double> sorted, double q) => sorted[(int)Math.Clamp(Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string F(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);
}
