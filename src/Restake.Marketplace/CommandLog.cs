using System.Globalization;
using System.Text;
using Restake.Lrt.OnEngine;
using Restake.Protocol;
using Restake.Scenarios;
using Restake.Scenarios.Modules;

namespace Restake.Marketplace;

/// <summary>An agent issued a command the engine refused: a bug in an agent's rules (agents check what the engine checks first).</summary>
public sealed class MarketRunException(string message) : Exception(message);

/// <summary>
/// The one way agents act: every decision is a scenario step (verb and YAML body), parsed by the scenario
/// parser against the live network, performed exactly as <c>restake run</c> performs it, and appended to
/// the run's scenario file. Replaying that file with <c>restake run</c> therefore reaches the same state.
/// </summary>
public sealed class CommandLog
{
    private readonly string _header;
    private readonly StringBuilder _steps = new();
    private readonly ModuleRuntimes _modules;

    public CommandLog(string header)
    {
        _header = header;
        var start = ScenarioRunner.Run(ScenarioParser.Parse(header + "steps: []\n"));
        if (start.ExitCode != 0)
        {
            throw new MarketRunException($"the market's network cannot be set up: {start.Failure}");
        }
        Engine = start.Engine;
        Rewards = start.Rewards;
        Lrts = start.Lrts;
        _modules = start.Modules;
    }

    public Engine Engine { get; }
    public RewardsBook Rewards { get; }
    public LrtBook Lrts { get; }
    public int Count { get; private set; }

    /// <summary>Performs one step; a refusal stops the run (agents never issue a command the engine would reject).</summary>
    public void Do(string verb, string body)
    {
        var action = ScenarioParser.ParseAction(verb, body, Engine.State);
        var time = Engine.State.Time;
        var mark = Engine.Events.Count;
        var outcome = ScenarioRunner.Perform(Engine, Rewards, Lrts, action);
        if (!outcome.Accepted)
        {
            throw new MarketRunException($"step {Count + 1} ({verb} {body}) was refused: {outcome.Error!.Name}: {outcome.Error.Message}");
        }
        Rewards.Calculator.Observe(time, Engine.Events.Skip(mark));
        Count++;
        _steps.Append("  - ").Append(verb).Append(": ").Append(body).Append('\n');
    }

    public void Note(string text)
    {
        _steps.Append("  - note: ").Append(Quote(text)).Append('\n');
        Count++;
    }

    /// <summary>The whole run as a scenario file.</summary>
    public string ScenarioText() => _header + "steps:\n" + _steps;

    public System.Text.Json.Nodes.JsonObject State() => StateDocument.Build(Engine.State, Rewards, Lrts, _modules);

    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Time(long unix) => Quote(StateDocument.FormatTime(unix));

    public static string Wei(Restake.Primitives.UInt256 x) => Quote(x.ToString() + " wei");

    public static string WadText(Restake.Primitives.UInt256 x) => Quote(x.ToString() + " wad");

    public static string Int(long x) => x.ToString(CultureInfo.InvariantCulture);
}
