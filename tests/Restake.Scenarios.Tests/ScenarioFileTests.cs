namespace Restake.Scenarios.Tests;

/// <summary>Every scenario under scenarios/ and tests/data/scenarios/ runs and all its expectations hold.</summary>
public class ScenarioFileTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Repo.ScenarioFiles())
        {
            data.Add(Path.GetRelativePath(Repo.Root, f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void scenario_runs_green(string file)
    {
        var scenario = ScenarioParser.ParseFile(Repo.PathOf(file));
        var result = ScenarioRunner.Run(scenario);
        Assert.True(result.ExitCode == 0, result.Failure);
        Assert.Contains(result.Steps, s => s.Step.Action is ExpectStep);
    }

    [Fact]
    public void there_are_golden_vectors_and_examples() =>
        Assert.True(Repo.ScenarioFiles().Count() >= 30, "expected the example and vector files to be found");

    [Fact]
    public void the_examples_use_every_core_verb()
    {
        string[] verbs = ["mint", "deposit", "donate", "create_pod", "verify_validators", "checkpoint", "register_operator", "delegate",
            "undelegate", "redelegate", "queue_withdrawal", "complete_withdrawal", "register_avs", "create_operator_set", "register_for_sets",
            "deregister_from_sets", "set_allocation_delay", "allocate", "slash", "burn_slashed", "roll", "warp", "set_stage", "set_caps", "expect", "note",
            "submit_rewards", "submit_rewards_for_all_earners", "submit_operator_directed_rewards", "set_operator_split", "calculate_rewards",
            "disable_root", "claim", "set_claimer"];
        var used = Directory.EnumerateFiles(Repo.PathOf("scenarios"), "*.yaml")
            .SelectMany(f => ScenarioParser.ParseFile(f).Steps.Select(s => s.Verb))
            .ToHashSet();
        var missing = verbs.Where(v => !used.Contains(v)).ToList();
        Assert.True(missing.Count == 0, $"no example uses: {string.Join(", ", missing)}");
    }

    [Fact]
    public void the_same_file_gives_byte_identical_state()
    {
        foreach (var file in Repo.ScenarioFiles())
        {
            var first = StateDocument.ToJson(ScenarioRunner.Run(ScenarioParser.ParseFile(file)).State());
            var second = StateDocument.ToJson(ScenarioRunner.Run(ScenarioParser.ParseFile(file)).State());
            Assert.Equal(first, second);
        }
    }
}
