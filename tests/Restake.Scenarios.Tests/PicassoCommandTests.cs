using System.Text.Json.Nodes;

namespace Restake.Scenarios.Tests;

/// <summary>`restake picasso demo` as a user runs it.</summary>
public class PicassoCommandTests
{
    [Fact]
    public void the_demo_tells_the_story_freezes_the_client_and_shows_the_slash()
    {
        var r = Cli.Run("picasso", "demo");
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var title in new[] { "Restaking vault", "Guest chain launched", "across an epoch change", "the client freezes", "Withdrawal after unbonding" })
        {
            Assert.Contains(title, r.Out, StringComparison.Ordinal);
        }
        Assert.Contains("FrozenByMisbehaviour", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ borealis +│ mSOL +│ 60 +│ 12 ", r.Out);
    }

    [Fact]
    public void the_demo_as_json_reports_the_frozen_client()
    {
        var r = Cli.Run("picasso", "demo", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var doc = JsonNode.Parse(r.Out)!;
        Assert.True((bool)doc["client_frozen"]!);
        Assert.Equal(5, doc["chapters"]!.AsArray().Count);
        Assert.Empty(doc["failures"]!.AsArray());
    }
}
