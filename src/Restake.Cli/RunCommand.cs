using System.Text.Json.Nodes;
using Restake.Scenarios;

namespace Restake.Cli;

internal static class RunCommand
{
    public static int Execute(string path, bool json, bool events)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"restake run: no such file '{path}'");
            return 2;
        }
        Scenario scenario;
        try
        {
            scenario = ScenarioParser.Parse(File.ReadAllText(path));
        }
        catch (ScenarioFileException e)
        {
            Console.Error.WriteLine($"restake run: {e.Describe(path)}");
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"restake run: cannot read '{path}': {e.Message}");
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"restake run: cannot read '{path}': {e.Message}");
            return 2;
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
