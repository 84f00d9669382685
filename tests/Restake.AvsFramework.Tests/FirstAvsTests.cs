using FirstAvs;
using Restake.Primitives;

namespace Restake.AvsFramework.Tests;

/// <summary>docs/avs.md's "write your first AVS": the page shows the compiled sample verbatim, and the sample works.</summary>
public sealed class FirstAvsTests
{
    [Fact]
    public void The_page_shows_the_compiled_sample_verbatim()
    {
        var root = AvsWorld.RepoRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "avs.md")).ReplaceLineEndings("\n");
        var begin = doc.IndexOf("<!-- first-avs:begin -->\n```csharp\n", StringComparison.Ordinal);
        var end = doc.IndexOf("```\n<!-- first-avs:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/avs.md has no first-avs block");
        var shown = doc[(begin + "<!-- first-avs:begin -->\n```csharp\n".Length)..end];
        var compiled = File.ReadAllText(Path.Combine(root, "samples", "FirstAvs", "PrimeCheck.cs")).ReplaceLineEndings("\n");
        Assert.Equal(compiled, shown);
    }

    [Fact]
    public void A_wrong_verdict_is_slashed_and_a_right_one_survives_its_challenge()
    {
        var w = AvsWorld.Start("squaring.yaml", "squaring-avs", new PrimeCheck());
        w.Behaviour["op3"] = t => w.Definition.WrongAnswer(t);
        var task = w.NewTask(97);
        var record = w.Respond(w.Aggregate(task).Response!);
        Assert.True(record.Ok, record.Error?.ToString());
        Assert.Equal(UInt256.One, record.Value!.Accepted);
        Assert.Equal("ResponseNotFaulty", w.Challenge(task.Id, "op1").Error?.Name);
        Assert.True(w.Challenge(task.Id, "op3").Ok);
        Assert.True(w.Slashable("op3") < 30 * UInt256.Pow10(18));
        Assert.Equal("InvalidTaskInput", w.Do(e => w.Manager.CreateTask(e.State, w.Avs, "is-prime", UInt256.Pow10(13))).Error?.Name);
    }
}

/// <summary>What <c>--avs-assembly</c> does: a user's definitions become AVS kinds by name.</summary>
public sealed class AvsKindsTests
{
    [Fact]
    public void An_assembly_s_definitions_load_as_kinds_and_a_file_without_any_is_refused()
    {
        Assert.Equal(["price-oracle", "squaring"], AvsKinds.Names.Where(n => n != "prime-check"));
        Assert.Equal(["prime-check"], AvsKinds.LoadAssembly(typeof(PrimeCheck).Assembly.Location));
        Assert.IsType<PrimeCheck>(AvsKinds.Find("prime-check"));
        Assert.Throws<InvalidDataException>(() => AvsKinds.LoadAssembly(typeof(Restake.Primitives.UInt256).Assembly.Location));
        var missing = Path.Combine(Path.GetTempPath(), "no-such-avs.dll");
        Assert.Contains("cannot load", Assert.Throws<InvalidDataException>(() => AvsKinds.LoadAssembly(missing)).Message, StringComparison.Ordinal);
    }
}
