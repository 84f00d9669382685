using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restake.Lrt.OnEngine;
using Restake.Protocol;
using Restake.Rewards;

namespace Restake.Scenarios;

public sealed record StepReport(Step Step, bool Passed, string Detail, IReadOnlyList<ProtocolEvent> Events);

/// <summary>The outcome of a run: exit status 0 (all held), 1 (a step or expectation failed).</summary>
public sealed record RunResult(int ExitCode, Engine Engine, IReadOnlyList<StepReport> Steps, string? Failure, RewardsBook Rewards)
{
    /// <summary>The liquid restaking protocols the run deployed (they ride alongside the engine as the rewards book does).</summary>
    public LrtBook Lrts { get; init; } = new();

    /// <summary>The run's modules beyond the engine (markets, Babylon, ...).</summary>
    public Modules.ModuleRuntimes Modules { get; init; } = new();

    public System.Text.Json.Nodes.JsonObject State() => StateDocument.Build(Engine.State, Rewards, Lrts, Modules);
}

/// <summary>The off-chain side of rewards during a run: the calculator fed with every step's events, and the distribution behind each posted root.</summary>
public sealed class RewardsBook(RewardsRounding rounding = RewardsRounding.Sidecar)
{
    public RewardsCalculator Calculator { get; } = new() { Rounding = rounding };
    public List<Distribution> Distributions { get; } = [];
}

/// <summary>Runs a parsed scenario on a fresh in-memory engine, stopping at the first failure.</summary>
public static class ScenarioRunner
{
    /// <param name="lrts">the LRT book to run with (a caller that watches LRTs step by step passes its own); default a new one</param>
    public static RunResult Run(Scenario scenario, Action<StepReport, Engine>? onStep = null, LrtBook? lrts = null)
    {
        var engine = new Engine(scenario.Params);
        var rewards = new RewardsBook(scenario.RewardsRounding);
        lrts ??= new LrtBook();
        var modules = new Modules.ModuleRuntimes();
        foreach (var command in scenario.Setup)
        {
            var outcome = engine.Execute(command);
            if (!outcome.Accepted)
            {
                return new RunResult(1, engine, [], $"setup failed: {outcome.Error}", rewards) { Lrts = lrts, Modules = modules };
            }
        }
        var reports = new List<StepReport>();
        foreach (var step in scenario.Steps)
        {
            var mark = engine.Events.Count;
            var time = engine.State.Time;
            var (passed, detail) = step.Action is Modules.ModuleStep m
                ? Settle(engine, lrts, step, () => modules[m.Module].Perform(new Modules.ModuleContext(engine, lrts), m.Action), modules)
                : RunStep(scenario, engine, rewards, lrts, step, modules);
            var events = engine.Events.Skip(mark).ToList();
            rewards.Calculator.Observe(time, events);
            var report = new StepReport(step, passed, detail, events);
            reports.Add(report);
            onStep?.Invoke(report, engine);
            if (!passed)
            {
                return new RunResult(1, engine, reports, $"step {step.Index} (line {step.Line}) {step.Verb}: {detail}", rewards) { Lrts = lrts, Modules = modules };
            }
        }
        return new RunResult(0, engine, reports, null, rewards) { Lrts = lrts, Modules = modules };
    }

    private static (bool Passed, string Detail) RunStep(Scenario scenario, Engine engine, RewardsBook rewards, LrtBook lrts, Step step, Modules.ModuleRuntimes modules)
    {
        switch (step.Action)
        {
            case ExpectStep expect:
                if (step.ExpectRevert is not null)
                {
                    return (false, "an expect step cannot carry expect_revert");
                }
                return Check(scenario, engine, rewards, lrts, modules, expect);
            case CalculateRewardsStep calculate:
                return Settle(engine, lrts, step, CalculateRewards(engine, rewards, calculate), modules);
            case ClaimStep claim:
                return Settle(engine, lrts, step, BuildClaim(engine, rewards, claim), modules);
            case LrtStep lrt:
                return Settle(engine, lrts, step, () => lrts.Perform(engine, lrt.Action), modules);
            case NoteStep note:
                return (step.ExpectRevert is null, step.ExpectRevert is null ? note.Text : "a note cannot carry expect_revert");
            case WarpStep warp:
                return Execute(engine, lrts, step, new Roll(WarpBlocks(engine, warp)), modules);
            case CommandStep command:
                return Execute(engine, lrts, step, command.Command, modules);
            default:
                throw new InvalidOperationException($"unhandled step {step.Action.GetType().Name}");
        }
    }

    /// <summary>
    /// Performs an action that changes the network (everything but expect and note): the one meaning
    /// of each verb, shared by scenario runs and the node's transactions.
    /// </summary>
    public static Outcome Perform(Engine engine, RewardsBook rewards, StepAction action) => Perform(engine, rewards, null, action);

    /// <summary>As above, with the liquid restaking protocols deployed on this network (needed for LRT steps).</summary>
    public static Outcome Perform(Engine engine, RewardsBook rewards, LrtBook? lrts, StepAction action) => action switch
    {
        LrtStep l when lrts is not null => lrts.Perform(engine, l.Action),
        CommandStep c => engine.Execute(c.Command),
        WarpStep w => engine.Execute(new Roll(WarpBlocks(engine, w))),
        CalculateRewardsStep c => CalculateRewards(engine, rewards, c)(),
        ClaimStep c => BuildClaim(engine, rewards, c)(),
        _ => throw new ArgumentException($"{action.GetType().Name} does not change the network", nameof(action)),
    };

    private static long WarpBlocks(Engine engine, WarpStep warp)
    {
        var spb = engine.State.Params.SecondsPerBlock;
        var seconds = warp.BySeconds ?? Math.Max(0, warp.ToUnixTime!.Value - engine.State.Time);
        return (seconds + spb - 1) / spb;
    }

    /// <summary>The rewards updater's job: calculate up to the day boundary and post the root.</summary>
    private static Func<Outcome> CalculateRewards(Engine engine, RewardsBook rewards, CalculateRewardsStep step) => () =>
    {
        var until = step.Until ?? (Restake.Rewards.Days.Floor(engine.State.Time) - Restake.Rewards.Days.Seconds);
        // The calculator keeps the days it pays, so a root the coordinator would refuse must be refused
        // before calculating: else its days count as paid, the next root skips them, and a replay of
        // the accepted steps alone (a node's restart) reaches other roots.
        if (until <= engine.State.Rewards.CurrentCalculationEnd)
        {
            return new Outcome(new ProtocolError("NewRootMustBeForNewCalculatedPeriod",
                $"the last root was calculated until {engine.State.Rewards.CurrentCalculationEnd}; a new one must go further"));
        }
        if (until >= engine.State.Time)
        {
            return new Outcome(new ProtocolError("RewardsEndTimestampNotElapsed", "a root can only cover time that has passed"));
        }
        var distribution = rewards.Calculator.Calculate(engine.State, until);
        var outcome = engine.Execute(new SubmitRoot(distribution.Root, until));
        if (outcome.Accepted)
        {
            rewards.Distributions.Add(distribution);
        }
        return outcome;
    };

    /// <summary>An earner claims everything new against the newest active root, with the calculation's proof.</summary>
    private static Func<Outcome> BuildClaim(Engine engine, RewardsBook rewards, ClaimStep step) => () =>
    {
        var roots = engine.State.Rewards.Roots;
        var active = roots.LastOrDefault(r => !r.Disabled && engine.State.Time >= r.ActivatedAt);
        if (active is null)
        {
            return new Outcome(roots.Count == 0
                ? new ProtocolError("InvalidRootIndex", "no distribution root has been posted (calculate_rewards first)")
                : new ProtocolError("RootNotActivated", $"no root is active yet; the newest activates at {StateDocument.FormatTime(roots[^1].ActivatedAt)}"));
        }
        var distribution = rewards.Distributions[active.Index];
        var fresh = distribution.Cumulative
            .Where(kv => kv.Key.Earner == step.Earner && (step.Tokens is null || step.Tokens.Contains(kv.Key.Token))
                && kv.Value > engine.State.Rewards.ClaimedBy(step.Earner, kv.Key.Token))
            .Select(kv => kv.Key.Token).ToList();
        var claim = fresh.Count == 0 ? null : distribution.ClaimFor(active.Index, step.Earner, fresh);
        return claim is null
            ? new Outcome(new ProtocolError("EarningsNotGreaterThanClaimed", $"{step.Earner} has nothing new to claim in root {active.Index}"))
            : engine.Execute(new Claim(claim, step.Recipient, step.Caller ?? step.Earner));
    };

    private static (bool, string) Execute(Engine engine, LrtBook lrts, Step step, Command command, Modules.ModuleRuntimes modules) =>
        Settle(engine, lrts, step, () => engine.Execute(command), modules);

    private static (bool, string) Settle(Engine engine, LrtBook lrts, Step step, Func<Outcome> act, Modules.ModuleRuntimes modules)
    {
        var before = step.ExpectRevert is null ? null : StateDocument.ToJson(StateDocument.Build(engine.State, null, lrts, modules));
        var outcome = act();
        if (step.ExpectRevert is null)
        {
            return outcome.Accepted ? (true, "ok") : (false, $"reverted {outcome.Error!.Name}: {outcome.Error.Message}");
        }
        if (outcome.Accepted)
        {
            return (false, $"expected it to revert with {step.ExpectRevert}, but it succeeded");
        }
        if (outcome.Error!.Name != step.ExpectRevert)
        {
            return (false, $"expected revert {step.ExpectRevert}, got {outcome.Error.Name}: {outcome.Error.Message}");
        }
        var after = StateDocument.ToJson(StateDocument.Build(engine.State, null, lrts, modules));
        return after == before
            ? (true, $"reverted {outcome.Error.Name} as expected")
            : (false, $"reverted {outcome.Error.Name} but changed the state (an engine bug: please report it)");
    }

    private static (bool, string) Check(Scenario scenario, Engine engine, RewardsBook rewards, LrtBook lrts, Modules.ModuleRuntimes modules, ExpectStep expect)
    {
        JsonNode? node = StateDocument.Build(engine.State, rewards, lrts, modules);
        var segments = expect.Path.Split('.');
        var walked = new List<string>();
        foreach (var segment in segments)
        {
            if (node is JsonArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
            {
                walked.Add(segment);
                node = array[index];
                continue;
            }
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out var next))
            {
                // Like an ERC-20, every account holds a balance of every token: 0 until it gets some.
                if (segments.Length == 3 && segments[0] == "balances" && scenario.Decimals.ContainsKey(segments[2]) && walked.Count >= 1)
                {
                    node = JsonValue.Create("0");
                    break;
                }
                var known = node is JsonObject o ? string.Join(", ", o.Select(kv => kv.Key).Take(12)) : "";
                var where = walked.Count == 0 ? "the state" : string.Join('.', walked);
                return (false, $"{expect.Path}: {where} has no '{segment}'" + (known.Length > 0 ? $" (it has: {known})" : ""));
            }
            walked.Add(segment);
            node = next;
        }

        if (expect.ExpectedList is { } list)
        {
            var actual = node is JsonArray arr ? arr.Select(x => x?.GetValue<string>() ?? "null").ToList() : null;
            return actual is not null && actual.SequenceEqual(list)
                ? (true, $"{expect.Path} is [{string.Join(", ", list)}]")
                : (false, $"{expect.Path} is {node?.ToJsonString() ?? "null"}, expected [{string.Join(", ", list)}]");
        }
        if (expect.Expected is null)
        {
            return node is null ? (true, $"{expect.Path} is null") : (false, $"{expect.Path} is {node.ToJsonString()}, expected null");
        }
        if (node is null)
        {
            return (false, $"{expect.Path} is null, expected {expect.Expected}");
        }
        var kind = ValueKinds.Of(segments);
        if (kind == ValueKind.Text)
        {
            var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
            return text == expect.Expected ? (true, $"{expect.Path} is {text}") : (false, $"{expect.Path} is '{text}', expected '{expect.Expected}'");
        }
        if (node is not JsonValue value)
        {
            return (false, $"{expect.Path} is not a single value but {node.ToJsonString()}");
        }
        var raw = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (!BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actualNumber))
        {
            return (false, $"{expect.Path} is '{raw}', not a number");
        }
        var token = TokenFor(scenario, engine, segments);
        var decimals = token is null ? 18 : scenario.Decimals.GetValueOrDefault(token, 18);
        if (!ValueKinds.TryParse(expect.Expected, kind, decimals, IsNative(token), out var expected, out var error))
        {
            return (false, $"{expect.Path}: {error}");
        }
        var held = expect.Comparison switch
        {
            Comparison.Equals => actualNumber == expected,
            Comparison.AtLeast => actualNumber >= expected,
            _ => actualNumber <= expected,
        };
        var relation = expect.Comparison switch { Comparison.Equals => "", Comparison.AtLeast => "at least ", _ => "at most " };
        return held ? (true, $"{expect.Path} is {actualNumber}") : (false, $"{expect.Path} is {actualNumber}, expected {relation}{expected} ({expect.Expected})");
    }

    private static bool IsNative(string? token) => token is ProtocolConstants.NativeToken or ProtocolConstants.BeaconStrategy;

    /// <summary>The strategy or token that scales this value: named in the path, or the strategy of a withdrawal.</summary>
    private static string? TokenFor(Scenario scenario, Engine engine, string[] segments)
    {
        for (var i = segments.Length - 1; i >= 1; i--)
        {
            if (scenario.Decimals.ContainsKey(segments[i]))
            {
                return segments[i];
            }
        }
        if (segments is ["withdrawals", var id, ..] && engine.State.Withdrawals.TryGetValue(id, out var w))
        {
            return w.Strategy.Name;
        }
        return null;
    }
}
