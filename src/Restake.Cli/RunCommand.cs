using System.Text.Json.Nodes;
using Restake.Scenarios;

namespace Restake.Cli;

internal static class RunCommand
{
    /// <summary>Reads and checks a scenario file; on failure prints one line and returns exit status 2.</summary>
    public static int Load(string path, out Scenario? scenario)
    {
        var ok = InputFile.TryRead("restake", path, Parse, out var read);
        scenario = ok ? read : null;
        return ok ? 0 : 2;
    }

    private static Scenario Parse(string text)
    {
        // A market file (docs/marketplace.md) is a different document: say which command runs it.
        var market = System.Text.RegularExpressions.Regex.Match(text, "^market:", System.Text.RegularExpressions.RegexOptions.Multiline);
        if (market.Success)
        {
            var line = text.AsSpan(0, market.Index).Count('\n') + 1;
            throw new ScenarioFileException("a market file: run it with `restake market FILE` (its report folder has commands.yaml for `restake run`)", line);
        }
        return ScenarioParser.Parse(text);
    }

    public static int Execute(string path, bool json, bool events)
    {
        var code = Load(path, out var scenario);
        if (scenario is null)
        {
            return code;
        }

        var result = ScenarioRunner.Run(scenario);
        if (json)
        {
            var document = result.State();
            if (events)
            {
                document["events"] = EventJson.Steps(result.Steps);
            }
            Console.Out.WriteLine(StateDocument.ToJson(document));
        }
        else
        {
            Report.Steps(scenario, result, events);
        }
        if (result.Failure is not null)
        {
            Console.Error.WriteLine($"restake run: {path}: {result.Failure}");
        }
        return result.ExitCode;
    }
}
