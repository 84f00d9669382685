using Restake.Scenarios;
using Spectre.Console;

namespace Restake.Cli;

/// <summary>The human view of a run: one line a step, then a verdict.</summary>
internal static class Report
{
    public static void Steps(Scenario scenario, RunResult result, bool events)
    {
        if (scenario.Name.Length > 0)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(scenario.Name)}[/]");
        }
        foreach (var report in result.Steps)
        {
            var mark = report.Passed ? "[green]✓[/]" : "[red]✗[/]";
            var detail = report.Detail == "ok" ? "" : $"  [grey]{Markup.Escape(report.Detail)}[/]";
            AnsiConsole.MarkupLine($"{mark} {report.Step.Index,3}  line {report.Step.Line,-4} {Markup.Escape(report.Step.Verb)}{detail}");
            if (events)
            {
                foreach (var e in report.Events)
                {
                    AnsiConsole.MarkupLine($"        [grey]{Markup.Escape(EventJson.Text(e))}[/]");
                }
            }
        }
        var expectations = result.Steps.Count(s => s.Step.Action is ExpectStep && s.Passed);
        if (result.ExitCode == 0)
        {
            AnsiConsole.MarkupLine($"[green]passed[/]: {result.Steps.Count} steps, {expectations} expectations held, block {result.Engine.State.Block}");
        }
    }
}
