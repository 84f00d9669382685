using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Restake.Workloads;

namespace Restake.Bench;

/// <summary>
/// A year of daily rewards calculation (network built once per iteration, then calculated) and the
/// distribution root; `restake bench` reports the same figures against the targets.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class RewardsBenchmarks
{
    [Params(100_000)]
    public int Stakers { get; set; }

    [Benchmark]
    public RewardsYear.Result YearOfDailyCalculation() =>
        new RewardsYear { Stakers = Stakers, Operators = 200, Avss = 20, Days = 91 }.Run();

    [Benchmark]
    public string MerkleRoot() => HeadlineFigures.MerkleRoot(Stakers);
}
