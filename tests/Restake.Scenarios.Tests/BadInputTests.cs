namespace Restake.Scenarios.Tests;

/// <summary>A bad file gets exit status 2 and one or two lines naming the step and line; never a stack trace.</summary>
public class BadInputTests
{
    private const string Header = "tokens:\n  - { symbol: stETH }\n  - { symbol: USDC, decimals: 6 }\nstrategies:\n  - { token: stETH }\n  - { token: USDC }\nsteps:\n  - deposit: { staker: alice, strategy: stETH, amount: \"1\" }\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "unknown verb", "  - depositt: { staker: alice, strategy: stETH, amount: \"1\" }\n", "unknown verb 'depositt'" },
        { "missing field", "  - deposit: { staker: alice, amount: \"1\" }\n", "missing the field 'strategy'" },
        { "negative amount", "  - deposit: { staker: alice, strategy: stETH, amount: \"-5\" }\n", "negative" },
        { "malformed amount", "  - deposit: { staker: alice, strategy: stETH, amount: \"12,5\" }\n", "not a number" },
        { "too many decimals", "  - deposit: { staker: alice, strategy: USDC, amount: \"1.0000001\" }\n", "7 decimals" },
        { "unknown strategy", "  - deposit: { staker: alice, strategy: rETH, amount: \"1\" }\n", "unknown strategy 'rETH'" },
        { "unknown field", "  - deposit: { staker: alice, strategy: stETH, amount: \"1\", amonut: \"2\" }\n", "unknown field 'amonut'" },
        { "yaml syntax", "  - deposit: { staker: alice, strategy: stETH, amount: \"1\" \n", "YAML syntax error" },
        { "bad expect path", "  - expect: { path: nowhere.alice, equals: \"1\" }\n", "not a state path" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void bad_file_exits_2_naming_step_and_line(string what, string badStep, string reason)
    {
        var file = Cli.Scratch("bad.yaml", Header + badStep);
        var r = Cli.Run("run", file);
        Assert.True(r.ExitCode == 2, $"{what}: exit {r.ExitCode}, stderr: {r.Err}");
        AssertOneClearMessage(r.Err, reason);
        // The line of the bad step (a YAML error is found where the parser gives up: the end of the file here).
        Assert.Contains(what == "yaml syntax" ? ":10:" : ":9:", r.Err, StringComparison.Ordinal);
        Assert.Contains("step 2", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void a_ten_megabyte_line_is_refused_quickly_and_clearly()
    {
        var file = Cli.Scratch("huge.yaml", Header + "  - note: \"" + new string('x', 10 * 1024 * 1024) + "\"\n");
        var r = Cli.Run("run", file);
        Assert.Equal(2, r.ExitCode);
        AssertOneClearMessage(r.Err, "line 9 is");
    }

    [Fact]
    public void a_missing_file_exits_2()
    {
        var r = Cli.Run("run", "/nonexistent/scenario.yaml");
        Assert.Equal(2, r.ExitCode);
        AssertOneClearMessage(r.Err, "no such file");
    }

    [Fact]
    public void a_failed_expectation_exits_1_and_says_what_differed()
    {
        var file = Cli.Scratch("fail.yaml", Header + "  - expect: { path: stakers.alice.positions.stETH.deposit_shares, equals: \"2\" }\n");
        var r = Cli.Run("run", file);
        Assert.Equal(1, r.ExitCode);
        AssertOneClearMessage(r.Err, "expected 2000000000000000000");
    }

    [Fact]
    public void an_unexpected_revert_exits_1_with_the_error_name()
    {
        var file = Cli.Scratch("revert.yaml", Header + "  - delegate: { staker: alice, operator: nobody }\n");
        var r = Cli.Run("run", file);
        Assert.Equal(1, r.ExitCode);
        AssertOneClearMessage(r.Err, "OperatorNotRegistered");
    }

    [Fact]
    public void a_wrong_expected_revert_exits_1()
    {
        var file = Cli.Scratch("wrong.yaml", Header + "  - delegate: { staker: alice, operator: nobody, expect_revert: FullySlashed }\n");
        var r = Cli.Run("run", file);
        Assert.Equal(1, r.ExitCode);
        AssertOneClearMessage(r.Err, "expected revert FullySlashed, got OperatorNotRegistered");
    }

    [Fact]
    public void json_output_is_byte_identical_across_runs()
    {
        var file = Repo.PathOf("scenarios", "seed-story.yaml");
        var first = Cli.Run("run", file, "--json", "--events");
        var second = Cli.Run("run", file, "--json", "--events");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.StartsWith("{", first.Out.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("\"events\"", first.Out, StringComparison.Ordinal);
    }

    private static void AssertOneClearMessage(string stderr, string reason)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
