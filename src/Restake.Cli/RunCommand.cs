using System.Text.Json.Nodes;
using Restake.Scenarios;

namespace Restake.Cli;

internal static class RunCommand
{
    /// <summary>Reads and checks a scenario file; on failure prints one line and returns exit status 2.</summary>
    public static int Load(string path, out Scenario? scenario)
    {
        scenario = null;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"restake: no such file '{path}'");
            return 2;
        }
        try
        {
            var text = File.ReadAllText(path);
            // A market file (docs/marketplace.md) is a different document: say which command runs it.
            if (System.Text.RegularExpressions.Regex.IsMatch(text, "^market:", System.Text.RegularExpressions.RegexOptions.Multiline))
            {
                Console.Error.WriteLine($"restake: '{path}' is a market file: run it with `restake market {path}` (its report folder has commands.yaml for `restake run`)");
                return 2;
            }
            scenario = ScenarioParser.Parse(text);
            return 0;
        }
        catch (ScenarioFileException e)
        {
            Console.Error.WriteLine($"restake: {e.Describe(path)}");
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"restake: cannot read '{path}': {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"restake: cannot read '{path}': {e.Message}");
        }
        return 2;
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
