using System.Text.Json;

namespace Restake.EigenDA.Tests;

internal static class TestData
{
    public sealed record PrecompileCase(string Input, string Expected, string Name);

    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(System.IO.Path.Combine(dir!.FullName, "Restake.slnx")))
        {
            dir = dir.Parent;
        }
        return System.IO.Path.Combine([dir.FullName, "tests", "data", "eigenda", .. parts]);
    }

    public static IEnumerable<object[]> Precompile(string file)
    {
        var cases = JsonSerializer.Deserialize<List<PrecompileCase>>(File.ReadAllText(Path(file)))!;
        return cases.Select(c => new object[] { c.Name, c.Input, c.Expected });
    }
}
