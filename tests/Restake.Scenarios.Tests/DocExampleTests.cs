using System.Text.RegularExpressions;

namespace Restake.Scenarios.Tests;

/// <summary>Every YAML scenario shown in the README and docs/ runs green, so the docs cannot drift.</summary>
public partial class DocExampleTests
{
    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var doc in Docs())
        {
            var blocks = YamlBlock().Matches(File.ReadAllText(Repo.PathOf(doc)));
            for (var i = 0; i < blocks.Count; i++)
            {
                if (blocks[i].Groups[1].Value.Contains("steps:\n  -", StringComparison.Ordinal))
                {
                    data.Add(doc, i);
                }
            }
        }
        return data;
    }

    private static IEnumerable<string> Docs() =>
        new[] { "README.md" }.Concat(Directory.EnumerateFiles(Repo.PathOf("docs"), "*.md").Select(f => Path.GetRelativePath(Repo.Root, f))).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Examples))]
    public void documented_scenario_runs_green(string doc, int block)
    {
        var text = YamlBlock().Matches(File.ReadAllText(Repo.PathOf(doc)))[block].Groups[1].Value;
        var result = ScenarioRunner.Run(ScenarioParser.Parse(text));
        Assert.True(result.ExitCode == 0, $"{doc} example {block}: {result.Failure}");
    }

    [Fact]
    public void the_readme_and_the_scenario_page_have_runnable_examples()
    {
        var docs = Examples().Select(row => (string)row[0]).ToHashSet();
        Assert.Contains("README.md", docs);
        Assert.Contains(Path.Combine("docs", "scenarios.md"), docs);
    }
}
