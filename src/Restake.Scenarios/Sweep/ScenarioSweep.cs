using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Restake.Scenarios.Sweep;

/// <summary>A random parameter: <c>uniform: [lo, hi]</c> (decimals) or <c>choice: [a, b, ...]</c>.</summary>
public sealed record SweepParameter(string Name, bool Uniform, IReadOnlyList<string> Values);

/// <summary>A quantity read from the state document at each measuring step.</summary>
public sealed record SweepMeasure(string Name, string Path);

/// <summary>One row of the long table: a run, the step measured (a note, or the last step), its parameters and each measure (base units).</summary>
public sealed record SweepRow(int Run, int Step, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<BigInteger?> Values, string? Failure);

/// <summary>A scenario file with a <c>sweep</c> section: the template, how many runs, the seed, the parameters and the measures.</summary>
public sealed record SweepDefinition(int Runs, int Seed, IReadOnlyList<SweepParameter> Vary, IReadOnlyList<SweepMeasure> Measures, string Template);

/// <summary>
/// Monte Carlo sweeps of scenario files (issue 6): each run samples the declared parameters (deterministic per seed and run
/// index), substitutes them for <c>${name}</c> in the file, runs the scenario and measures the declared state paths at every
/// note step and at the end. Runs are independent, so they go in parallel on all cores; the same seed gives the same table,
/// whatever the number of cores.
/// </summary>
public static class ScenarioSweep
{
    public static SweepDefinition Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ScenarioFileException($"YAML syntax error: {e.InnerException?.Message ?? e.Message}", (int)e.Start.Line);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("sweep"), out var node) || node is not YamlMappingNode sweep)
        {
            throw new ScenarioFileException("a sweep file is a scenario with a 'sweep' mapping (runs, seed, vary, measure)", 1);
        }
        var f = new YamlFields(sweep, "sweep");
        var runs = f.OptionalInteger("runs") ?? 100;
        var seed = f.OptionalInteger("seed") ?? 1;
        if (runs is < 1 or > 1_000_000)
        {
            throw new ScenarioFileException("sweep: runs is between 1 and 1,000,000", f.Line);
        }
        var vary = new List<SweepParameter>();
        if (f.Node("vary") is YamlMappingNode varyNode)
        {
            foreach (var (k, v) in varyNode.Children)
            {
                var name = ((YamlScalarNode)k).Value!;
                var spec = new YamlFields(v, $"sweep.vary.{name}");
                var uniform = spec.OptionalList("uniform");
                var choice = spec.OptionalList("choice");
                spec.RejectUnknown();
                if ((uniform is null) == (choice is null) || uniform is { Count: not 2 } || choice is { Count: 0 })
                {
                    throw new ScenarioFileException($"sweep.vary.{name}: give uniform: [lo, hi] or choice: [a, b, ...]", spec.Line);
                }
                if (uniform is not null && (!decimal.TryParse(uniform[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                    || !decimal.TryParse(uniform[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi) || hi < lo))
                {
                    throw new ScenarioFileException($"sweep.vary.{name}: uniform bounds are two decimals, low first", spec.Line);
                }
                vary.Add(new SweepParameter(name, uniform is not null, uniform ?? choice!));
            }
        }
        var measures = new List<SweepMeasure>();
        if (f.Node("measure") is YamlMappingNode measureNode)
        {
            foreach (var (k, v) in measureNode.Children)
            {
                measures.Add(new SweepMeasure(((YamlScalarNode)k).Value!, ((YamlScalarNode)v).Value ?? ""));
            }
        }
        f.RejectUnknown();
        if (measures.Count == 0)
        {
            throw new ScenarioFileException("sweep: measure at least one state path (measure: { name: path })", f.Line);
        }
        root.Children.Remove(new YamlScalarNode("sweep"));
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var definition = new SweepDefinition((int)runs, (int)seed, vary, measures, writer.ToString());
        ScenarioParser.Parse(Instantiate(definition, 0, out _)); // a file that does not parse fails before any run
        return definition;
    }

    /// <summary>The scenario text of run <paramref name="run"/>: every <c>${name}</c> replaced by that run's sample.</summary>
    public static string Instantiate(SweepDefinition d, int run, out Dictionary<string, string> values)
    {
        var random = new Random(unchecked((d.Seed * 1_000_003) + run));
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = d.Template;
        foreach (var p in d.Vary)
        {
            string value;
            if (p.Uniform)
            {
                var lo = decimal.Parse(p.Values[0], CultureInfo.InvariantCulture);
                var hi = decimal.Parse(p.Values[1], CultureInfo.InvariantCulture);
                value = Math.Round(lo + ((hi - lo) * (decimal)random.NextDouble()), 6).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                value = p.Values[random.Next(p.Values.Count)];
            }
            values[p.Name] = value;
            text = text.Replace("${" + p.Name + "}", value, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Runs every run on up to <paramref name="cores"/> cores; rows in (run, step) order; <paramref name="progress"/> is told each finished run.</summary>
    public static IReadOnlyList<SweepRow> Run(SweepDefinition d, int runs, int cores, Action<int>? progress = null)
    {
        var rows = new ConcurrentBag<SweepRow>();
        var done = 0;
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, cores) }, run =>
        {
            foreach (var row in RunOne(d, run))
            {
                rows.Add(row);
            }
            progress?.Invoke(Interlocked.Increment(ref done));
        });
        return [.. rows.OrderBy(r => r.Run).ThenBy(r => r.Step)];
    }

    /// <summary>One run: its rows in step order (a cluster node calls this for the runs it is given).</summary>
    public static List<SweepRow> RunOne(SweepDefinition d, int run)
    {
        var scenario = ScenarioParser.Parse(Instantiate(d, run, out var values));
        var rows = new List<SweepRow>();
        var lrts = new Restake.Lrt.OnEngine.LrtBook();
        // At each note (a chapter's start) the engine's and the LRTs' sections are measured; the last row has the whole document.
        var result = ScenarioRunner.Run(scenario, (report, engine) =>
        {
            if (report.Step.Action is NoteStep)
            {
                rows.Add(new SweepRow(run, report.Step.Index, values, Measure(d, StateDocument.Build(engine.State, null, lrts)), null));
            }
        }, lrts);
        rows.Add(new SweepRow(run, scenario.Steps.Count == 0 ? 0 : scenario.Steps[^1].Index, values, Measure(d, result.State()), result.Failure));
        return rows;
    }

    private static List<BigInteger?> Measure(SweepDefinition d, JsonObject state) =>
        [.. d.Measures.Select(m => Read(state, m.Path))];

    /// <summary>The value at a dotted path as an integer (wei, shares, wad), or null when absent or not a number.</summary>
    public static BigInteger? Read(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var next) ? next : null;
            if (node is null)
            {
                return null;
            }
        }
        return node is JsonValue v && (v.TryGetValue<string>(out var s) && BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
            || v.TryGetValue<long>(out var l) && (b = l) == l) ? b : null;
    }

    /// <summary>The long table as CSV: run, step, each parameter, each measure.</summary>
    public static string Csv(SweepDefinition d, IReadOnlyList<SweepRow> rows)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine(string.Join(',', new[] { "run", "step" }.Concat(d.Vary.Select(p => p.Name)).Concat(d.Measures.Select(m => m.Name)).Append("failure")));
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(',', new[] { r.Run.ToString(CultureInfo.InvariantCulture), r.Step.ToString(CultureInfo.InvariantCulture) }
                .Concat(d.Vary.Select(p => r.Parameters[p.Name])).Concat(r.Values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? ""))
                .Append(r.Failure is null ? "" : "\"" + r.Failure.Replace("\"", "'", StringComparison.Ordinal) + "\"")));
        }
        return w.ToString();
    }
}
