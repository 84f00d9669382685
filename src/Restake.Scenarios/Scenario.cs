using Restake.Protocol;

namespace Restake.Scenarios;

/// <summary>A parsed scenario file: everything checked and resolved before the first step runs.</summary>
public sealed record Scenario(string Name, ProtocolParams Params, IReadOnlyList<Command> Setup, IReadOnlyList<Step> Steps, IReadOnlyDictionary<string, int> Decimals)
{
    /// <summary>The rewards calculation's rounding (params.rewards_rounding): the reference's by default.</summary>
    public Restake.Rewards.RewardsRounding RewardsRounding { get; init; } = Restake.Rewards.RewardsRounding.Sidecar;
}

/// <summary>One step: its position in the file, its verb, what it does, and the error it must fail with, if any.</summary>
public sealed record Step(int Index, int Line, string Verb, StepAction Action, string? ExpectRevert);

public abstract record StepAction;

/// <summary>A step that becomes one engine command.</summary>
public sealed record CommandStep(Command Command) : StepAction;

/// <summary>Advance time by a duration, or to an instant, in whole blocks.</summary>
public sealed record WarpStep(long? BySeconds, long? ToUnixTime) : StepAction;

/// <summary>Run the off-chain rewards calculation up to a day boundary and post its root (as the rewards updater).</summary>
public sealed record CalculateRewardsStep(long? Until) : StepAction;

/// <summary>Claim everything claimable against the newest active root, with the proof the calculation produced.</summary>
public sealed record ClaimStep(string Earner, IReadOnlyList<string>? Tokens, string? Recipient, string? Caller) : StepAction;

/// <summary>Narration: prints text, changes nothing (the demo uses it to mark chapters).</summary>
public sealed record NoteStep(string Text) : StepAction;

public enum Comparison
{
    Equals,
    AtLeast,
    AtMost,
}

/// <summary>An assertion on the state document: <see cref="Expected"/> is the raw text or list from the file.</summary>
public sealed record ExpectStep(string Path, Comparison Comparison, string? Expected, IReadOnlyList<string>? ExpectedList) : StepAction;

/// <summary>A liquid restaking action, performed by the run's <see cref="Restake.Lrt.OnEngine.LrtBook"/> on the engine.</summary>
public sealed record LrtStep(Restake.Lrt.OnEngine.LrtAction Action) : StepAction;
