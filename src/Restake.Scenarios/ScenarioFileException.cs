namespace Restake.Scenarios;

/// <summary>A scenario file that cannot be read: unknown verb, missing field, bad amount, unknown name, YAML error (exit status 2).</summary>
public sealed class ScenarioFileException(string message, int line, int? stepIndex = null) : Exception(message)
{
    public int Line { get; } = line;
    public int? StepIndex { get; } = stepIndex;

    public ScenarioFileException InStep(int index) => StepIndex is null ? new ScenarioFileException(Message, Line, index) : this;

    public string Describe(string file) =>
        StepIndex is { } i ? $"{file}:{Line}: step {i}: {Message}" : $"{file}:{Line}: {Message}";
}
