using Restake.Marketplace;

namespace Restake.Marketplace.Tests;

/// <summary>The example market files, each run once per test process (a run takes a fraction of a second).</summary>
internal static class Runs
{
    public static string Root { get; } = FindRoot();

    private static readonly Dictionary<string, Lazy<MarketResult>> Cache = new()
    {
        ["quiet"] = new(() => MarketRun.Run(Load("quiet"))),
        ["launch"] = new(() => MarketRun.Run(Load("launch"))),
        ["shock"] = new(() => MarketRun.Run(Load("shock"))),
    };

    public static MarketResult Of(string name) => Cache[name].Value;

    public static MarketFile Load(string name) => MarketFile.Parse(File.ReadAllText(Path.Combine(Root, "scenarios", "market", $"market-{name}.yaml")));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Restake.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Restake.slnx)");
    }
}
