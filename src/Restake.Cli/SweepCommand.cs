using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Restake.Plots;
using Restake.Scenarios;
using Restake.Scenarios.Sweep;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>`restake sweep FILE`: a Monte Carlo sweep of a scenario file on all cores; a summary per measure, the long table as CSV, distribution charts.</summary>
internal static class SweepCommand
{
    public static int Execute(string file, int? runs, int cores, string outDir, bool speedup)
    {
        if (cores < 1 || runs is < 1 or > 1_000_000)
        {
            Console.Error.WriteLine("restake sweep: --cores is at least 1 and --runs between 1 and 1,000,000");
            return 2;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"restake sweep: no such file '{file}'");
            return 2;
        }
        SweepDefinition d;
        try
        {
            d = ScenarioSweep.Read(File.ReadAllText(file));
        }
        catch (ScenarioFileException e)
        {
            Console.Error.WriteLine($"restake sweep: {file}:{e.Line}: {e.Message}");
            return 2;
        }
        var n = runs ?? d.Runs;
        var clock = Stopwatch.StartNew();
        var rows = ScenarioSweep.Run(d, n, cores);
        var wall = clock.Elapsed;
        var final = rows.GroupBy(r => r.Run).Select(g => g.Last()).ToList();
        var failed = final.Count(r => r.Failure is not null);

        AnsiConsole.MarkupLine($"[bold]{n:N0} runs[/] of {Markup.Escape(file)} on {cores} core(s) in {wall.TotalSeconds:0.00} s; {failed} run(s) stopped at a failing step (their rows say why).");
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

    private static double Q(IReadOnlyList<double> sorted, double q) => sorted[(int)Math.Clamp(Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string F(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);
}
