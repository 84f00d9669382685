using BenchmarkDotNet.Attributes;
using Restake.Protocol;
using Restake.Workloads;

namespace Restake.Bench;

/// <summary>Slashing cost against the number of delegators: the ratio of the two rows is the figure (target ≤ 1.5).</summary>
[MemoryDiagnoser]
public class SlashBenchmarks
{
    private Engine _engine = null!;

    [Params(1, 1_000_000)]
    public int Delegators { get; set; }

    [GlobalSetup]
    public void Setup() => _engine = Networks.WithStakers(Delegators, twoPositions: false);

    [Benchmark]
    public Outcome Slash() => _engine.Execute(Networks.SmallSlash);
}

/// <summary>Deposit-and-delegate throughput into a network growing to the given size (target ≥ 1,000,000 commands/s).</summary>
[MemoryDiagnoser]
public class DepositDelegateBenchmarks
{
    private Command[] _commands = [];

    [Params(1_000_000)]
    public int Stakers { get; set; }

    [GlobalSetup]
    public void Setup() => _commands = Networks.DepositAndDelegate(Stakers);

    [Benchmark(OperationsPerInvoke = 2_000_000)]
    public Engine DepositAndDelegate()
    {
        var engine = Networks.Empty();
        foreach (var c in _commands)
        {
            engine.Execute(c);
        }
        return engine;
    }
}
