using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Restake.Bench.SlashBenchmarks).Assembly).Run(args);
