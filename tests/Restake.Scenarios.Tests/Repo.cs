namespace Restake.Scenarios.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Restake.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Restake.slnx)");
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every scenario file that must run green: the examples and the golden vectors (sweep templates, under scenarios/sweeps, run through <c>restake sweep</c>; market files, under scenarios/market, through <c>restake market</c>).</summary>
    public static IEnumerable<string> ScenarioFiles() =>
        Directory.EnumerateFiles(PathOf("scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "sweeps" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "market" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(PathOf("tests", "data", "scenarios"), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
}
