using System.Collections.Concurrent;
using Restake.Scenarios.Sweep;

namespace Restake.Cluster;

/// <summary>One row of a run as it crosses the wire: parameters in the file's order, measures as decimal strings.</summary>
[GenerateSerializer]
public sealed class WireRow
{
    [Id(0)] public int Step { get; set; }
    [Id(1)] public string[] Parameters { get; set; } = [];
    [Id(2)] public string?[] Values { get; set; } = [];
    [Id(3)] public string? Failure { get; set; }
}

/// <summary>What a run grain sends back: the run, the silo that ran it, its rows.</summary>
[GenerateSerializer]
public sealed class RunResult
{
    [Id(0)] public int Run { get; set; }
    [Id(1)] public string Silo { get; set; } = "";
    [Id(2)] public WireRow[] Rows { get; set; } = [];
}

/// <summary>A sweep run as a grain: keyed by the run index, it runs that run of the sweep file it is given.</summary>
public interface ISweepRunGrain : IGrainWithIntegerKey
{
    Task<RunResult> Run(string sweepFile);
}

/// <summary>
/// Random placement spreads the runs over the silos. The run's parameters come from the file's seed and the
/// run index alone (ScenarioSweep.Instantiate), so where it runs does not change its rows.
/// </summary>
[Orleans.Placement.RandomPlacement]
public sealed class SweepRunGrain : Grain, ISweepRunGrain
{
    // Each silo parses a sweep file once, not once per run.
    private static readonly ConcurrentDictionary<string, SweepDefinition> Definitions = new(StringComparer.Ordinal);

    public Task<RunResult> Run(string sweepFile)
    {
        var d = Definitions.GetOrAdd(sweepFile, ScenarioSweep.Read);
        var run = (int)this.GetPrimaryKeyLong();
        var rows = ScenarioSweep.RunOne(d, run);
        return Task.FromResult(new RunResult
        {
            Run = run,
            Silo = RuntimeIdentity,
            Rows = [.. rows.Select(r => new WireRow
            {
                Step = r.Step,
                Parameters = [.. d.Vary.Select(p => r.Parameters[p.Name])],
                Values = [.. r.Values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                Failure = r.Failure,
            })],
        });
    }
}
