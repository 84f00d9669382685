using Restake.Primitives;

namespace Restake.AvsFramework.Examples;

/// <summary>
/// The reference ecosystem's classic example (incredible-squaring): a task is a number, the answer its square; a wrong
/// square is a fault anyone proves by squaring the input, and it costs the operator 10 % of its stETH allocation.
/// </summary>
public sealed class Squaring : AvsDefinition
{
    public override string Name => "squaring";

    public override IReadOnlyList<QuorumThreshold> Quorum { get; } = [new("stETH", 67)];

    public override IReadOnlyList<string> TaskTypes { get; } = ["square"];

    public override SlashRule Slash { get; } = new(Wad.Unit / (UInt256)10UL, ["stETH"]);

    /// <summary>0.01 rETH a task (the devnet has no EIGEN token; any token the AVS holds will do).</summary>
    public override RewardsPolicy Rewards { get; } = new("rETH", UInt256.Pow10(16));

    /// <summary>Inputs stay below 2^128, so every square fits a uint256 (incredible-squaring's inputs are small counters).</summary>
    public override string? CheckTask(string type, UInt256 input) => input.FitsIn128 ? null : "the number to square must be below 2^128";

    public override UInt256 HonestAnswer(AvsTask task) => task.Input * task.Input;

    /// <summary>The answer the most weight signed (ties: the smaller answer).</summary>
    public override UInt256 Accept(AvsTask task, IReadOnlyList<Report> reports) => HeaviestAnswer(reports);

    public override bool Supports(AvsTask task, UInt256 accepted, UInt256 value) => value == accepted;

    /// <summary>Upstream's rule: the answer is wrong when it is not the input squared, whatever the quorum said.</summary>
    public override bool IsFault(AvsTask task, UInt256 accepted, UInt256 value) => value != HonestAnswer(task);
}
